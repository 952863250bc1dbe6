import { describe, expect, it } from 'vitest';
import { columnsOf } from '../src/queries/field/tables';
import { parseContentRange, photoDirFromEnv } from '../src/queries/field/photos';
import { planTaskId } from '../src/queries/field/jobs';

describe('field storage helpers', () => {
  it('copies the filter columns out of each collection’s document', () => {
    expect(columnsOf('tasks', { assigneeId: 'u1', planId: 'p1', dueAt: 5, status: 'pending', kind: 'inspection', areaId: 'a1' })).toEqual({ areaId: 'a1', ownerId: 'u1', status: 'pending', kind: 'inspection', refId: 'p1', dueAt: 5 });
    expect(columnsOf('cases', { reportedBy: 'r', status: 'reported', kind: 'fire' }).ownerId).toBe('r');
    expect(columnsOf('cases', { reportedBy: 'r', assigneeId: 'a', status: 'assigned', kind: 'fire', dueAt: 9 })).toMatchObject({ ownerId: 'a', dueAt: 9 });
    expect(columnsOf('visits', { workerId: 'w', householdId: 'h', occupancy: 'vacant' })).toMatchObject({ ownerId: 'w', refId: 'h', status: 'vacant' });
    expect(columnsOf('photos', { takenBy: 't', uploaded: true, linkedCollection: 'cases', linkedId: 'c' })).toMatchObject({ ownerId: 't', status: 'uploaded', kind: 'cases', refId: 'c' });
    expect(columnsOf('patrol_routes', { active: false }).status).toBe('inactive');
    expect(columnsOf('conflicts', { pushedBy: 'p', docId: 'd', collection: 'visits', status: 'open' })).toMatchObject({ ownerId: 'p', refId: 'd', kind: 'visits', status: 'open' });
  });

  it('parses Content-Range and refuses malformed or inverted ranges', () => {
    expect(parseContentRange('bytes 0-99/200')).toEqual({ start: 0, end: 99, total: 200 });
    expect(parseContentRange(' bytes 100-199/200 ')).toEqual({ start: 100, end: 199, total: 200 });
    for (const bad of [null, '', 'bytes 5-1/10', 'bytes 0-10/10', 'bytes 0-1/0', 'bytes */10', 'items 0-1/2', 'bytes -1-2/3'])
      expect(parseContentRange(bad)).toBeNull();
  });

  it('puts photos under LINLI_PHOTO_DIR, else under the data dir', () => {
    expect(photoDirFromEnv({ LINLI_PHOTO_DIR: '/srv/photos' }, '/x')).toBe('/srv/photos');
    expect(photoDirFromEnv({ LINLI_DATA_DIR: '/var/linli' }, '/x')).toBe('/var/linli/photos');
    expect(photoDirFromEnv({}, '/repo/.data')).toBe('/repo/.data/photos');
  });

  it('derives one task id per plan occurrence', () => {
    expect(planTaskId('p', 1)).toBe(planTaskId('p', 1));
    expect(planTaskId('p', 1)).not.toBe(planTaskId('p', 2));
    expect(planTaskId('p', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('patrol schedule slots', async () => {
  const { scheduleSlots } = await import('../src/queries/field/schedule-slots');
  // 2026-11-23 is a Monday; 22:00 Beijing = 14:00 UTC.
  const mon22 = Date.UTC(2026, 10, 23, 14, 0);
  const schedule = { id: 's', startMinutes: [22 * 60], weekdays: [1, 2, 3], guardId: 'g', active: true };
  it('flags each scheduled round as on time, late, missed or upcoming, a run serving one slot', () => {
    const runs = [
      { id: 'r1', startedAt: mon22 + 5 * 60_000, workerId: 'g' }, // Monday, on time
      { id: 'r2', startedAt: mon22 + 86_400_000 + 40 * 60_000, workerId: 'g' }, // Tuesday, 40 min late
    ];
    const now = mon22 + 2 * 86_400_000 + 2 * 3_600_000; // Wednesday 24:00 Beijing: Wednesday's round is past its window
    const slots = scheduleSlots([schedule], runs, mon22 - 3_600_000, now);
    expect(slots.map((s) => [new Date(s.at).toISOString(), s.state, s.runId])).toEqual([
      ['2026-11-23T14:00:00.000Z', 'on_time', 'r1'],
      ['2026-11-24T14:00:00.000Z', 'late', 'r2'],
      ['2026-11-25T14:00:00.000Z', 'missed', null],
    ]);
    // Thursday is not a patrol day; an inactive schedule asks for nothing.
    expect(scheduleSlots([{ ...schedule, active: false }], runs, mon22 - 3_600_000, now)).toEqual([]);
    // Before its window closes, a round is upcoming, not missed.
    expect(scheduleSlots([schedule], [], mon22 - 3_600_000, mon22 + 30 * 60_000).map((s) => s.state)).toEqual(['upcoming', 'upcoming']);
  });
});
