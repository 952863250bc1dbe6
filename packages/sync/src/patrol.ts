import type { PatrolRouteDoc, PatrolRunDoc, Scan } from './docs';

const MINUTE = 60_000;

export interface RunFlags {
  /** Scans later than the checkpoint's expected time plus tolerance. */
  lateScanIds: string[];
  /** Checkpoints without a scan once the run is over (or its window has passed). */
  missedCheckpointIds: string[];
}

/**
 * Late/missed flags for a patrol run against its route (R5.3.8). The tablet shows them as the
 * guard walks; the server recomputes them after a push, once times are clock-reconciled.
 * A checkpoint counts as missed when the run is finished/abandoned, or when `now` is past the
 * last checkpoint's window.
 */
export function evaluateRun(route: Pick<PatrolRouteDoc, 'checkpoints'>, run: Pick<PatrolRunDoc, 'startedAt' | 'status' | 'scans'>, now: number): RunFlags {
  const byId = new Map(route.checkpoints.map((c) => [c.id, c]));
  const lateScanIds = run.scans
    .filter((s) => {
      const cp = byId.get(s.checkpointId);
      return cp !== undefined && s.at > run.startedAt + (cp.offsetMin + cp.toleranceMin) * MINUTE;
    })
    .map((s) => s.id);
  const windowEnd = Math.max(0, ...route.checkpoints.map((c) => c.offsetMin + c.toleranceMin)) * MINUTE + run.startedAt;
  const over = run.status !== 'in_progress' || now > windowEnd;
  const scanned = new Set(run.scans.map((s) => s.checkpointId));
  const missedCheckpointIds = over ? route.checkpoints.filter((c) => !scanned.has(c.id)).sort((a, b) => a.order - b.order).map((c) => c.id) : [];
  return { lateScanIds, missedCheckpointIds };
}

/** The run with its flags set from the route. */
export function flagRun<R extends Pick<PatrolRunDoc, 'startedAt' | 'status' | 'scans' | 'missedCheckpointIds'>>(route: Pick<PatrolRouteDoc, 'checkpoints'>, run: R, now: number): R {
  const flags = evaluateRun(route, run, now);
  const late = new Set(flags.lateScanIds);
  const scans: Scan[] = run.scans.map((s) => ({ ...s, late: late.has(s.id) }));
  return { ...run, scans, missedCheckpointIds: flags.missedCheckpointIds };
}

/** Resolves a scanned QR payload to the route's checkpoint, or null for a sticker of another route. */
export const checkpointForQr = (route: Pick<PatrolRouteDoc, 'checkpoints'>, qr: string) =>
  route.checkpoints.find((c) => c.qrCode === qr.trim()) ?? null;
