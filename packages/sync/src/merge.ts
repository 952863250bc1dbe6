import { isReadOnly, type CollectionName, type DocOf } from './collections';
import type { Msg } from './bilingual';
import type { CaseDoc, ClientClock, ConflictDoc, ConflictField } from './docs';
import { hashUuid, jsonEqual, stableStringify } from './ids';
import { rulesFor, type FieldRule, type Rules } from './merge-rules';
import { MERGE_REASONS } from './merge-reasons';
import { mergeCaseWorkflow } from './merge-workflow';
import type { Actor } from './roles';

type Obj = Record<string, unknown>;

export interface ConflictInput<D> {
  /** What the tablet last pulled (the common base); null when it believes the document is new. */
  assumedMaster: D | null | undefined;
  /** The server's current document. */
  realMaster: D;
  /** The tablet's version. */
  newDoc: D;
  /** Who pushed it: a case's workflow steps are judged by their role (merge-workflow.ts). */
  by: Actor;
}

/**
 * - merged: write `doc` (it differs from the server's);
 * - server_wins: keep the server's document, the tablet brought nothing new;
 * - conflict: write `doc` (every undisputed change applied, the server's value kept where
 *   disputed) and store `conflict` for the console.
 * `notice` is a conflict record with status auto_resolved: tablet values a rule overrode,
 * stored so that nothing the worker entered disappears without trace.
 */
export type Resolution<D> =
  | { kind: 'merged'; doc: D; notice?: ConflictDoc }
  | { kind: 'server_wins'; doc: D; notice?: ConflictDoc }
  | { kind: 'conflict'; doc: D; conflict: ConflictDoc };

const R = MERGE_REASONS;

class Collector {
  readonly fields: ConflictField[] = [];
  readonly parties = new Set<string>();
  involve(userId: string): void {
    this.parties.add(userId);
  }
  add(path: string, base: unknown, server: unknown, tablet: unknown, resolution: 'open' | 'server', reason: Msg): void {
    this.fields.push({ path, base: base ?? null, server: server ?? null, tablet: tablet ?? null, resolution, reason });
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeObject(rules: Rules, base: Obj | undefined, server: Obj, tablet: Obj, prefix: string, out: Collector): Obj {
  const keys = new Set([...Object.keys(server), ...Object.keys(tablet), ...Object.keys(base ?? {})]);
  const result: Obj = {};
  for (const key of keys) {
    const rule: FieldRule = rules[key] ?? { kind: 'scalar' };
    const v = mergeField(rule, base?.[key], server[key], tablet[key], prefix ? `${prefix}.${key}` : key, out);
    if (v !== undefined) result[key] = v;
  }
  return result;
}

function mergeField(rule: FieldRule, b: unknown, s: unknown, t: unknown, path: string, out: Collector): unknown {
  if (rule.kind === 'stamp' || rule.kind === 'workflow') return s;
  if (rule.kind === 'entries') return mergeEntries(rule, b, s, t, path, out);
  if (rule.kind === 'id_set') return mergeIdSet(b, s, t, path, out);
  if (rule.kind === 'flag_set') return mergeFlagSet(b, s, t);
  if (rule.kind === 'clock') return mergeClock(b, s, t);

  const tabletChanged = !jsonEqual(t, b);
  const serverChanged = !jsonEqual(s, b);
  if (!tabletChanged || jsonEqual(s, t)) return s;
  switch (rule.kind) {
    case 'immutable':
      out.add(path, b, s, t, 'open', R.immutable);
      return s;
    case 'server_owned':
      out.add(path, b, s, t, 'server', R.serverOwned);
      return s;
    default:
      break;
  }
  if (!serverChanged) return t;
  switch (rule.kind) {
    case 'scalar':
      out.add(path, b, s, t, 'open', R.bothChanged);
      return s;
    case 'office':
      out.add(path, b, s, t, 'server', R.office);
      return s;
    case 'text': {
      const bt = typeof b === 'string' ? b : '';
      const st = typeof s === 'string' ? s : '';
      const tt = typeof t === 'string' ? t : '';
      // One side wins only if the other merely appended to the base and the winner contains
      // that: a deletion or rewrite on the losing side would otherwise vanish.
      if (tt.startsWith(st) && st.startsWith(bt)) return t;
      if (st.startsWith(tt) && tt.startsWith(bt)) return s;
      out.add(path, b, s, t, 'open', R.text);
      return s;
    }
    case 'status': {
      const ss = String(s), ts = String(t);
      const serverAhead = rule.step(ts, ss) || (!rule.step(ss, ts) && rule.reach(ts, ss));
      const tabletAhead = !serverAhead && (rule.step(ss, ts) || rule.reach(ss, ts));
      if (tabletAhead) return t;
      if (serverAhead) {
        out.add(path, b, s, t, 'server', R.statusServer);
        return s;
      }
      out.add(path, b, s, t, 'open', R.statusClash);
      return s;
    }
    case 'min':
    case 'max': {
      const nums = [s, t].filter((x): x is number => typeof x === 'number');
      if (nums.length === 0) return s;
      const v = rule.kind === 'min' ? Math.min(...nums) : Math.max(...nums);
      if (v !== t) out.add(path, b, s, t, 'server', R.minmax);
      return v;
    }
  }
}

function keyed(list: unknown, key: string): Map<string, unknown> {
  const m = new Map<string, unknown>();
  if (Array.isArray(list)) for (const e of list) if (isObj(e) && typeof e[key] === 'string') m.set(e[key] as string, e);
  return m;
}

function mergeEntries(
  rule: Extract<FieldRule, { kind: 'entries' }>,
  b: unknown,
  s: unknown,
  t: unknown,
  path: string,
  out: Collector,
): unknown[] {
  const bm = keyed(b, rule.key), sm = keyed(s, rule.key), tm = keyed(t, rule.key);
  const result = new Map(sm);
  const added: string[] = [];
  for (const [k, tv] of tm) {
    const bv = bm.get(k), sv = sm.get(k), p = `${path}[${k}]`;
    if (bv !== undefined && jsonEqual(tv, bv)) continue; // untouched on the tablet
    if (sv === undefined) {
      if (bv === undefined) {
        result.set(k, tv);
        added.push(k);
      } else out.add(p, bv, null, tv, 'open', R.entryGone);
      continue;
    }
    if (jsonEqual(sv, tv)) continue;
    if (bv !== undefined && rule.appendOnly) {
      out.add(p, bv, sv, tv, 'open', R.entryEdited);
    } else if (rule.fields && isObj(sv) && isObj(tv)) {
      result.set(k, mergeObject(rule.fields, isObj(bv) ? bv : undefined, sv, tv, p, out));
    } else if (bv !== undefined && jsonEqual(sv, bv)) {
      result.set(k, tv);
    } else {
      out.add(p, bv, sv, tv, 'open', R.entryClash);
    }
  }
  for (const [k, bv] of bm) {
    if (!tm.has(k) && sm.has(k)) out.add(`${path}[${k}]`, bv, sm.get(k), null, 'open', R.entryRemoved);
  }
  // Server order first (the plan's order of checklist items), then what the tablet added;
  // with a time field, a stable sort by time keeps that order among equal times (an entry
  // written in the same millisecond as the one before it stays after it).
  const order = [...sm.keys(), ...[...tm.keys()].filter((k) => added.includes(k))];
  const values = order.map((k) => result.get(k)).filter((v) => v !== undefined);
  const time = rule.time;
  if (time === undefined) return values;
  const at = (e: unknown): number => (isObj(e) && typeof e[time] === 'number' ? (e[time] as number) : 0);
  return values.sort((x, y) => at(x) - at(y));
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function mergeIdSet(b: unknown, s: unknown, t: unknown, path: string, out: Collector): unknown {
  if (s === undefined && t === undefined) return undefined;
  const bl = asList(b), sl = asList(s), tl = asList(t);
  const result = [...sl];
  for (const x of tl) if (!bl.some((y) => jsonEqual(x, y)) && !result.some((y) => jsonEqual(x, y))) result.push(x);
  for (const x of bl) {
    const stillOnServer = sl.some((y) => jsonEqual(x, y));
    if (stillOnServer && !tl.some((y) => jsonEqual(x, y))) out.add(`${path}[${String(x)}]`, x, x, null, 'open', R.entryRemoved);
  }
  return result;
}

function mergeFlagSet(b: unknown, s: unknown, t: unknown): unknown {
  if (s === undefined && t === undefined) return undefined;
  const bl = asList(b), sl = asList(s), tl = asList(t);
  const has = (l: unknown[], x: unknown): boolean => l.some((y) => jsonEqual(x, y));
  const all: unknown[] = [];
  for (const x of [...sl, ...tl, ...bl]) if (!has(all, x)) all.push(x);
  return all.filter((x) => (has(tl, x) !== has(bl, x) ? has(tl, x) : has(sl, x)));
}

function mergeClock(b: unknown, s: unknown, t: unknown): unknown {
  if (!isObj(t) || jsonEqual(t, b)) return s;
  const sc = isObj(s) ? (s as unknown as ClientClock) : undefined;
  const tc = t as unknown as ClientClock;
  return { ...tc, original: { ...(sc?.original ?? {}), ...tc.original } };
}

function record<D>(
  collection: CollectionName,
  input: ConflictInput<D>,
  merged: Obj,
  out: Collector,
  status: ConflictDoc['status'],
): ConflictDoc {
  const fields = out.fields;
  const real = input.realMaster as unknown as Obj;
  const tablet = input.newDoc as unknown as Obj;
  return {
    id: hashUuid(`conflict|${collection}|${String(real.id)}|${String(real.updatedAt)}|${stableStringify(tablet)}`),
    tenantId: String(real.tenantId),
    updatedAt: Number(real.updatedAt),
    collection,
    docId: String(real.id),
    status,
    fields,
    assumedMaster: (input.assumedMaster ?? null) as Obj | null,
    realMaster: real,
    newDoc: tablet,
    merged,
    ...(out.parties.size > 0 ? { parties: [...out.parties].sort() } : {}),
  };
}

/**
 * Applies a tablet's version of a document onto the server's, three-way against what the
 * tablet last saw. Call it for every pushed row whose document exists on the server — also
 * when the assumed master is current, because it is what keeps office-owned fields and
 * append-only lists safe. The caller stamps `updatedAt` on what it writes.
 */
export function resolveConflict<C extends CollectionName>(collection: C, input: ConflictInput<DocOf<C>>): Resolution<DocOf<C>> {
  const base = (input.assumedMaster ?? undefined) as Obj | undefined;
  const server = input.realMaster as unknown as Obj;
  const tablet = input.newDoc as unknown as Obj;
  const out = new Collector();
  const rules = rulesFor(collection);

  if (rules === null || isReadOnly(collection)) {
    // Read-only on the tablet: whatever it changed is reported, the server's document stays.
    const keys = new Set([...Object.keys(server), ...Object.keys(tablet)]);
    for (const k of keys) {
      if (k === 'updatedAt') continue;
      if (!jsonEqual(tablet[k], server[k]) && !jsonEqual(tablet[k], base?.[k])) out.add(k, base?.[k], server[k], tablet[k], 'server', R.readOnly);
    }
    if (out.fields.length === 0) return { kind: 'server_wins', doc: input.realMaster };
    return { kind: 'conflict', doc: input.realMaster, conflict: record(collection, input, server, out, 'open') };
  }

  const merged = mergeObject(rules, base, server, tablet, '', out);
  if (collection === 'cases') Object.assign(merged, mergeCaseWorkflow(base as CaseDoc | undefined, server as unknown as CaseDoc, tablet as unknown as CaseDoc, input.by, out));
  merged.updatedAt = server.updatedAt;
  const doc = merged as unknown as DocOf<C>;
  if (out.fields.some((f) => f.resolution === 'open'))
    return { kind: 'conflict', doc, conflict: record(collection, input, merged, out, 'open') };
  const notice = out.fields.length > 0 ? record(collection, input, merged, out, 'auto_resolved') : undefined;
  const kind = jsonEqual(merged, server) ? 'server_wins' : 'merged';
  return notice ? { kind, doc: kind === 'server_wins' ? input.realMaster : doc, notice } : { kind, doc: kind === 'server_wins' ? input.realMaster : doc };
}
