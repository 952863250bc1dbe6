import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../src/collections';
import type { CaseDoc, ConflictField, PatrolRunDoc, TaskDoc, VisitDoc } from '../src/docs';
import { jsonEqual } from '../src/ids';
import { resolveConflict } from '../src/merge';
import { CASE_STATUSES } from '../src/workflow';
import { validateAgainst } from '../src/validate-schema';
import { OFFICE, T0, TECH, WORKER, aCase, aRun, aTask, aVisit, clone, prng, uid } from './fixtures';

type Obj = Record<string, unknown>;
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, n: number): number => Math.floor(r() * n);

// Small pools so that both sides often touch the same ids, texts and flags.
const PHOTOS = Array.from({ length: 6 }, (_, i) => uid(`photo-${i}`));
const ENTRY_IDS = Array.from({ length: 5 }, (_, i) => uid(`entry-${i}`));
const TEXTS = ['灯不亮', '灯不亮，线路老化', '已处理', '住户不在家', '楼道堆物'];

function editCase(r: Rand, d: CaseDoc, who: string): void {
  for (let n = 1 + int(r, 4); n > 0; n--) {
    switch (int(r, 11)) {
      case 0: d.title = r() < 0.5 ? `${d.title}（补充）` : pick(r, TEXTS); break;
      case 1: d.description = r() < 0.4 ? `${d.description}${pick(r, TEXTS)}` : r() < 0.5 ? d.description.slice(0, int(r, d.description.length)) : pick(r, TEXTS); break;
      case 2: d.kind = pick(r, ['public_facility', 'fire', 'environment', 'group_renting'] as const); break;
      case 3: d.location = { buildingId: pick(r, PHOTOS), unit: String(int(r, 4)) }; break;
      case 4: d.photoIds = [...new Set([...d.photoIds, pick(r, PHOTOS)])]; break;
      case 5: if (d.photoIds.length > 0) d.photoIds.splice(int(r, d.photoIds.length), 1); break;
      case 6: {
        const to = pick(r, CASE_STATUSES);
        d.history.push({ id: pick(r, ENTRY_IDS), at: T0 + int(r, 1000), by: who, from: d.status, to });
        d.status = to;
        break;
      }
      case 7: d.comments.push({ id: pick(r, ENTRY_IDS), at: T0 + int(r, 1000), by: who, text: pick(r, TEXTS) }); break;
      case 8: if (d.comments.length > 0) d.comments[int(r, d.comments.length)]!.text = pick(r, TEXTS); else d.comments = []; break;
      case 9: d.assigneeId = pick(r, [WORKER.userId, TECH.userId, OFFICE.userId]); break;
      case 10: d.dueAt = T0 + int(r, 5) * 3_600_000; break;
    }
  }
  dedupe(d.history as unknown as Obj[], 'id');
  dedupe(d.comments as unknown as Obj[], 'id');
}

function editTask(r: Rand, d: TaskDoc): void {
  for (let n = 1 + int(r, 4); n > 0; n--) {
    const item = d.checklist[int(r, d.checklist.length)];
    switch (int(r, 10)) {
      case 0: if (item) item.result = pick(r, ['ok', 'fault', 'na'] as const); break;
      case 1: if (item) item.note = `${item.note ?? ''}${pick(r, TEXTS)}`; break;
      case 2: if (item) item.photoIds = [...new Set([...(item.photoIds ?? []), pick(r, PHOTOS)])]; break;
      case 3: if (item) item.checkedAt = T0 + int(r, 1000); break;
      case 4: d.status = pick(r, ['pending', 'in_progress', 'done', 'cancelled'] as const); break;
      case 5: d.notes = r() < 0.5 ? `${d.notes}${pick(r, TEXTS)}` : r() < 0.5 ? d.notes.slice(0, int(r, d.notes.length)) : pick(r, TEXTS); break;
      case 6: d.title = pick(r, TEXTS); break;
      case 7: d.photoIds = [...new Set([...d.photoIds, pick(r, PHOTOS)])]; break;
      case 8: d.completedAt = T0 + int(r, 1000); break;
      case 9: d.checklist.push({ itemId: `extra-${int(r, 3)}`, label: pick(r, TEXTS) }); dedupe(d.checklist as unknown as Obj[], 'itemId'); break;
    }
  }
}

function editVisit(r: Rand, d: VisitDoc): void {
  const FLAGS = ['elderly_alone', 'disabled', 'left_behind_child', 'serious_illness', 'low_income'] as const;
  for (let n = 1 + int(r, 4); n > 0; n--) {
    switch (int(r, 7)) {
      case 0: d.occupancy = pick(r, ['occupied', 'vacant', 'rented', 'group_rented'] as const); break;
      case 1: d.notes = r() < 0.5 ? `${d.notes}${pick(r, TEXTS)}` : r() < 0.5 ? '' : pick(r, TEXTS); break;
      case 2: { const f = pick(r, FLAGS); if (!d.vulnerable.includes(f)) d.vulnerable.push(f); break; }
      case 3: if (d.vulnerable.length > 0) d.vulnerable.splice(int(r, d.vulnerable.length), 1); break;
      case 4: d.photoIds = [...new Set([...d.photoIds, pick(r, PHOTOS)])]; break;
      case 5: d.residentsSeen = int(r, 6); break;
      case 6: d.at = T0 + int(r, 1000); break;
    }
  }
}

function editRun(r: Rand, d: PatrolRunDoc): void {
  for (let n = 1 + int(r, 4); n > 0; n--) {
    switch (int(r, 6)) {
      case 0: d.scans.push({ id: pick(r, ENTRY_IDS), checkpointId: pick(r, PHOTOS), at: T0 + int(r, 1000), method: pick(r, ['qr', 'manual'] as const), late: r() < 0.3 }); dedupe(d.scans as unknown as Obj[], 'id'); break;
      case 1: d.status = pick(r, ['in_progress', 'finished', 'abandoned'] as const); break;
      case 2: d.finishedAt = T0 + int(r, 1000); break;
      case 3: d.startedAt = T0 - int(r, 100); break;
      case 4: { const c = pick(r, PHOTOS); if (!d.missedCheckpointIds.includes(c)) d.missedCheckpointIds.push(c); break; }
      case 5: d.note = `${d.note ?? ''}${pick(r, TEXTS)}`; break;
    }
  }
}

function dedupe(list: Obj[], key: string): void {
  const seen = new Set<unknown>();
  for (let i = list.length - 1; i >= 0; i--) {
    const k = list[i]?.[key];
    if (seen.has(k)) list.splice(i, 1);
    else seen.add(k);
  }
}

/**
 * The property, judged by shape rather than by the merge's own rule table: a tablet change is
 * kept if the merged document shows it, or a conflict/notice field names it.
 */
function lostTabletChanges(base: Obj, tablet: Obj, merged: Obj, fields: readonly ConflictField[]): string[] {
  const recorded = (path: string): boolean => fields.some((f) => f.path === path);
  const lost: string[] = [];
  for (const k of new Set([...Object.keys(base), ...Object.keys(tablet)])) {
    if (k === 'updatedAt' || k === 'clientClock') continue;
    const b = base[k], t = tablet[k], m = merged[k];
    if (jsonEqual(b, t) || jsonEqual(m, t) || recorded(k)) continue;
    if (typeof t === 'string' && typeof m === 'string' && m.startsWith(t) && t.startsWith(typeof b === 'string' ? b : '')) continue;
    if (Array.isArray(t)) {
      const key = ['id', 'itemId'].find((kk) => t.some((e) => typeof e === 'object' && e !== null && kk in e));
      if (key !== undefined) {
        const byKey = (l: unknown): Map<unknown, Obj> => new Map((Array.isArray(l) ? (l as Obj[]) : []).map((e) => [e[key], e]));
        const bm = byKey(b), mm = byKey(m), tm = byKey(t);
        for (const [id, te] of tm) {
          const be = bm.get(id), me = mm.get(id), p = `${k}[${String(id)}]`;
          if (jsonEqual(be, te) || jsonEqual(me, te) || recorded(p)) continue;
          // entry merged field by field: each changed sub-field shown or recorded
          for (const sf of new Set([...Object.keys(te), ...Object.keys(be ?? {})])) {
            if (jsonEqual(be?.[sf], te[sf]) || jsonEqual(me?.[sf], te[sf]) || recorded(`${p}.${sf}`)) continue;
            if (Array.isArray(te[sf]) && (te[sf] as unknown[]).every((x) => (me?.[sf] as unknown[] | undefined)?.includes(x))) continue;
            if (typeof te[sf] === 'string' && typeof me?.[sf] === 'string' && (me[sf] as string).startsWith(te[sf] as string) && (te[sf] as string).startsWith(String(be?.[sf] ?? ''))) continue;
            lost.push(`${p}.${sf}`);
          }
        }
        for (const id of bm.keys()) if (!tm.has(id) && mm.has(id) && !recorded(`${k}[${String(id)}]`)) lost.push(`${k}[${String(id)}] removal`);
      } else {
        const bl = Array.isArray(b) ? b : [], ml = Array.isArray(m) ? m : [];
        for (const x of t) if (!bl.includes(x) && !ml.includes(x) && !recorded(`${k}[${String(x)}]`)) lost.push(`${k} + ${String(x)}`);
        for (const x of bl) if (!t.includes(x) && ml.includes(x) && !recorded(`${k}[${String(x)}]`)) lost.push(`${k} - ${String(x)}`);
      }
      continue;
    }
    lost.push(k);
  }
  return lost;
}

const uniqueKeys = (list: unknown, key: string): boolean => {
  const ks = (list as Obj[]).map((e) => e[key]);
  return new Set(ks).size === ks.length;
};

const SUITES = [
  { collection: 'cases', make: () => aCase({ status: 'assigned', assigneeId: WORKER.userId, comments: [{ id: ENTRY_IDS[0]!, at: T0, by: OFFICE.userId, text: '请处理' }], photoIds: [PHOTOS[0]!] }), edit: (r: Rand, d: Obj, who: string) => editCase(r, d as unknown as CaseDoc, who), lists: { history: 'id', comments: 'id' } },
  { collection: 'tasks', make: () => aTask({ status: 'in_progress' }), edit: (r: Rand, d: Obj) => editTask(r, d as unknown as TaskDoc), lists: { checklist: 'itemId' } },
  { collection: 'visits', make: () => aVisit({ vulnerable: ['disabled'], notes: '独居' }), edit: (r: Rand, d: Obj) => editVisit(r, d as unknown as VisitDoc), lists: {} },
  { collection: 'patrol_runs', make: () => aRun(), edit: (r: Rand, d: Obj) => editRun(r, d as unknown as PatrolRunDoc), lists: { scans: 'id' } },
] as const;

describe('merge property: nothing the tablet changed is ever silently dropped', () => {
  for (const suite of SUITES) {
    it(`${suite.collection}: 600 random edit pairs`, () => {
      const r = prng(0x5eed + suite.collection.length);
      const kinds = { merged: 0, server_wins: 0, conflict: 0 };
      for (let i = 0; i < 600; i++) {
        const base = suite.make() as unknown as Obj;
        const server = clone(base), tablet = clone(base);
        if (r() < 0.85) suite.edit(r, server, OFFICE.userId);
        server.updatedAt = T0 + 1 + i;
        suite.edit(r, tablet, WORKER.userId);
        const res = resolveConflict(suite.collection, { by: WORKER, assumedMaster: base as never, realMaster: server as never, newDoc: tablet as never });
        kinds[res.kind]++;
        const record = res.kind === 'conflict' ? res.conflict : res.notice;
        const merged = res.doc as unknown as Obj;
        const lost = lostTabletChanges(base, tablet, merged, record?.fields ?? []);
        expect(lost, `case ${i}: ${JSON.stringify({ base, server, tablet, merged, fields: record?.fields })}`).toEqual([]);
        // nothing duplicated, nothing malformed, conflicts carry both versions
        for (const [field, key] of Object.entries(suite.lists)) expect(uniqueKeys(merged[field], key)).toBe(true);
        expect(validateAgainst(COLLECTIONS[suite.collection].schema, merged)).toEqual([]);
        expect(merged.updatedAt).toBe(server.updatedAt);
        if (record) {
          expect(record.realMaster).toEqual(server);
          expect(record.newDoc).toEqual(tablet);
          expect(record.fields.length).toBeGreaterThan(0);
        }
        // every server-side change the rules kept is still there when the tablet did not touch the field
        for (const k of Object.keys(server)) {
          if (jsonEqual(tablet[k], base[k]) && !jsonEqual(server[k], base[k]) && !Array.isArray(server[k])) expect(merged[k], `server ${k}`).toEqual(server[k]);
        }
      }
      // the generator really exercises all three outcomes
      expect(kinds.merged).toBeGreaterThan(20);
      expect(kinds.conflict).toBeGreaterThan(20);
    });
  }
});
