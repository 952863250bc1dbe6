import { msg, type Msg } from './bilingual';
import type { CollectionName } from './collections';
import type { ClientClock } from './docs';
import { jsonEqual } from './ids';

/** Beyond this the tablet's clock is not trusted for the times it recorded. */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

interface TimePaths {
  /** Top-level times the tablet sets. */
  scalars: readonly string[];
  /** Times inside list entries: list field, entry key, time field. */
  lists: readonly { field: string; key: string; time: string }[];
}

/** Times recorded by the tablet's clock, per collection. */
export const TABLET_TIMES: Partial<Record<CollectionName, TimePaths>> = {
  cases: { scalars: ['reportedAt'], lists: [{ field: 'history', key: 'id', time: 'at' }, { field: 'comments', key: 'id', time: 'at' }] },
  tasks: { scalars: ['startedAt', 'completedAt'], lists: [{ field: 'checklist', key: 'itemId', time: 'checkedAt' }] },
  visits: { scalars: ['at'], lists: [] },
  patrol_runs: { scalars: ['startedAt', 'finishedAt'], lists: [{ field: 'scans', key: 'id', time: 'at' }] },
  photos: { scalars: ['takenAt'], lists: [] },
};

export const skewOf = (clientTime: number, now: number): number => clientTime - now;
export const isSkewed = (clientTime: number, now: number): boolean => Math.abs(clientTime - now) > MAX_CLOCK_SKEW_MS;

export function skewMessage(skewMs: number): Msg {
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const zhDir = skewMs > 0 ? '快' : '慢';
  const enDir = skewMs > 0 ? 'ahead' : 'behind';
  return msg(
    `平板时钟${zhDir}了约 ${minutes} 分钟：已按服务器时间校正本次记录的时间，原始时间另行保存。请校准平板时间。`,
    `The tablet clock is about ${minutes} min ${enDir}: times in this push were corrected to server time and the originals kept. Please set the tablet's clock.`,
  );
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Shifts the times the tablet recorded in this push (those that differ from what it had
 * pulled) by the measured skew, and keeps each original in `clientClock.original`. Times the
 * server already had are left alone. Returns the document unchanged when the clock is fine.
 */
export function reconcileClock<D extends { clientClock?: ClientClock }>(
  collection: CollectionName,
  doc: D,
  assumed: D | null | undefined,
  clientTime: number,
  now: number,
): { doc: D; corrected: number } {
  const paths = TABLET_TIMES[collection];
  if (!isSkewed(clientTime, now) || paths === undefined) return { doc, corrected: 0 };
  const skewMs = skewOf(clientTime, now);
  const original: Record<string, number> = {};
  const next: Obj = { ...(doc as Obj) };
  const before = (assumed ?? undefined) as Obj | undefined;

  for (const field of paths.scalars) {
    const v = next[field];
    if (typeof v === 'number' && !jsonEqual(v, before?.[field])) {
      original[field] = v;
      next[field] = Math.max(0, v - skewMs);
    }
  }
  for (const { field, key, time } of paths.lists) {
    const list = next[field];
    if (!Array.isArray(list)) continue;
    const old = new Map<unknown, unknown>();
    for (const e of Array.isArray(before?.[field]) ? (before[field] as unknown[]) : []) if (isObj(e)) old.set(e[key], e[time]);
    next[field] = list.map((e: unknown) => {
      if (!isObj(e) || typeof e[time] !== 'number' || old.get(e[key]) === e[time]) return e;
      original[`${field}[${String(e[key])}].${time}`] = e[time] as number;
      return { ...e, [time]: Math.max(0, (e[time] as number) - skewMs) };
    });
  }
  const corrected = Object.keys(original).length;
  const prior = doc.clientClock?.original ?? {};
  next.clientClock = { clientTime, skewMs, original: { ...prior, ...original } } satisfies ClientClock;
  return { doc: next as D, corrected };
}
