import { and, eq, gte, sql } from 'drizzle-orm';
import type { PatrolRunDoc } from '@linli/sync';
import type { Executor } from '../../client';
import { fieldPatrolRuns, fieldPatrolSchedules } from '../../schema';
import { namesOf } from './people';

const MIN = 60_000;
const DAY = 86_400_000;
/** Schedules are in Beijing time (no daylight saving). */
const TZ_OFFSET = 8 * 3_600_000;
/** A run starting this close to its slot is on time; up to LATE_WINDOW after it, late. */
export const ON_TIME_MIN = 15;
export const LATE_WINDOW_MIN = 60;

export interface ScheduleLike {
  id: string;
  startMinutes: number[];
  weekdays: number[];
  guardId: string | null;
  active: boolean;
}

export type SlotState = 'on_time' | 'late' | 'missed' | 'upcoming';

export interface Slot {
  scheduleId: string;
  at: number;
  guardId: string | null;
  state: SlotState;
  runId: string | null;
}

/**
 * The patrol slots the schedules asked for in [from, now + a day), each matched to the run that
 * started nearest after it (R5.3.8: a whole round that never happened is flagged, not only
 * missed checkpoints inside a round). A run serves one slot at most. Pure.
 */
export function scheduleSlots(schedules: readonly ScheduleLike[], runs: readonly Pick<PatrolRunDoc, 'id' | 'startedAt' | 'workerId'>[], from: number, now: number): Slot[] {
  const slots: Omit<Slot, 'state' | 'runId'>[] = [];
  const firstDay = Math.floor((from + TZ_OFFSET) / DAY) * DAY - TZ_OFFSET;
  for (let day = firstDay; day < now + DAY; day += DAY) {
    const weekday = ((new Date(day + TZ_OFFSET).getUTCDay() + 6) % 7) + 1;
    for (const s of schedules) {
      if (!s.active || !s.weekdays.includes(weekday)) continue;
      for (const m of s.startMinutes) {
        const at = day + m * MIN;
        if (at >= from && at < now + DAY) slots.push({ scheduleId: s.id, at, guardId: s.guardId });
      }
    }
  }
  slots.sort((a, b) => a.at - b.at);
  const used = new Set<string>();
  return slots.map((slot) => {
    const run = runs
      .filter((r) => !used.has(r.id) && r.startedAt >= slot.at - ON_TIME_MIN * MIN && r.startedAt <= slot.at + LATE_WINDOW_MIN * MIN)
      .sort((a, b) => Math.abs(a.startedAt - slot.at) - Math.abs(b.startedAt - slot.at))[0];
    if (run) {
      used.add(run.id);
      return { ...slot, runId: run.id, state: run.startedAt <= slot.at + ON_TIME_MIN * MIN ? 'on_time' : 'late' };
    }
    return { ...slot, runId: null, state: slot.at + LATE_WINDOW_MIN * MIN < now ? 'missed' : 'upcoming' };
  });
}

/** The route's slots of the last `days` days and the next day, with their runs. */
export async function routeSlots(tx: Executor, params: { routeId: string; days: number; now?: number }) {
  const now = params.now ?? Date.now();
  const from = now - params.days * DAY;
  const schedules = await tx.select().from(fieldPatrolSchedules).where(eq(fieldPatrolSchedules.routeId, params.routeId));
  const runs = (
    await tx
      .select({ doc: fieldPatrolRuns.doc })
      .from(fieldPatrolRuns)
      .where(and(eq(fieldPatrolRuns.refId, params.routeId), gte(sql`(${fieldPatrolRuns.doc}->>'startedAt')::bigint`, from - LATE_WINDOW_MIN * MIN)))
  ).map((r) => r.doc as unknown as PatrolRunDoc);
  const slots = scheduleSlots(schedules, runs, from, now);
  const names = await namesOf(tx, slots.map((s) => s.guardId ?? ''));
  const count = (s: SlotState) => slots.filter((x) => x.state === s).length;
  return { slots: slots.reverse(), names, summary: { onTime: count('on_time'), late: count('late'), missed: count('missed'), upcoming: count('upcoming') } };
}
