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
