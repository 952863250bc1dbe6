import type { RunStatus, TaskStatus } from './docs';

/** Forward edges of a simple status flow. */
export type Flow<S extends string> = Record<S, readonly S[]>;

/** Maintenance/inspection task (R6.4.1): cancelled only by the office, done by the assignee. */
export const TASK_FLOW: Flow<TaskStatus> = {
  pending: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export const RUN_FLOW: Flow<RunStatus> = {
  in_progress: ['finished', 'abandoned'],
  finished: [],
  abandoned: [],
};

export const flowStep = <S extends string>(flow: Flow<S>, from: S, to: S): boolean => (flow[from] ?? []).includes(to);

export function flowReachable<S extends string>(flow: Flow<S>, from: S, to: S): boolean {
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  while (queue.length > 0) {
    const s = queue.shift() as S;
    for (const n of flow[s] ?? []) {
      if (n === to) return true;
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return false;
}
