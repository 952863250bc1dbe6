import { describe, expect, it } from 'vitest';
import { checkpointForQr, evaluateRun, flagRun } from '../src/patrol';
import { MIN, T0, aRoute, aRun, uid } from './fixtures';

describe('patrol flags', () => {
  const route = aRoute(); // A at +0 (±5), B at +10 (±5), C at +20 (±5)
  const scan = (name: string, cp: string, at: number) => ({ id: uid(name), checkpointId: uid(cp), at, method: 'qr' as const, late: false });

  it('flags a late scan and, once the run is over, the missed checkpoints', () => {
    const run = aRun({ status: 'finished', scans: [scan('s-a', 'cp-a', T0 + 2 * MIN), scan('s-b', 'cp-b', T0 + 16 * MIN)] });
    expect(evaluateRun(route, run, T0 + 30 * MIN)).toEqual({ lateScanIds: [uid('s-b')], missedCheckpointIds: [uid('cp-c')] });
    const flagged = flagRun(route, run, T0 + 30 * MIN);
    expect(flagged.scans.map((s) => s.late)).toEqual([false, true]);
    expect(flagged.missedCheckpointIds).toEqual([uid('cp-c')]);
  });

  it('does not call a point missed while the run is still within its window', () => {
    const run = aRun({ scans: [scan('s-a', 'cp-a', T0 + MIN)] });
    expect(evaluateRun(route, run, T0 + 15 * MIN).missedCheckpointIds).toEqual([]);
    expect(evaluateRun(route, run, T0 + 26 * MIN).missedCheckpointIds).toEqual([uid('cp-b'), uid('cp-c')]);
  });

  it('matches a QR sticker to its checkpoint, and not one of another route', () => {
    expect(checkpointForQr(route, ' LINLI:CP:B ')?.id).toBe(uid('cp-b'));
    expect(checkpointForQr(route, 'LINLI:CP:Z')).toBeNull();
  });
});
