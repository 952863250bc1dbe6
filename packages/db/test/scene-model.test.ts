import { describe, expect, it } from 'vitest';
import { buildModel, type CommunityRegistry } from '@linli/cim';
import { sceneBuildings, sceneLevel, searchModel } from '../src/queries/cim/scene-model';
import { community, COMMUNITY } from '../../cim/test/model-fixtures';

// Pure parts of the scene (no database): summaries, level capping, address search over a model.
const { buildings, households } = community(2, 6, 2);
households[0]!.state = 'vacant';
households[1]!.state = 'rented';
const registry: CommunityRegistry = {
  community: COMMUNITY,
  maxLevel: 4,
  buildings,
  households,
  site: { boundary: [], roads: [], parking: [], facilities: [] },
  version: '1',
};
const model = buildModel({ level: 4, community: COMMUNITY, buildings, households });

describe('scene model helpers', () => {
  it('summarises each building: households by state, occupancy (occupied + rented), height, centre, address', () => {
    const list = sceneBuildings(registry, model);
    expect(list).toHaveLength(16);
    const b1 = list.find((b) => b.code === '1')!;
    expect(b1.households).toBe(2 * 6 * 2);
    expect(b1.states).toEqual({ vacant: 1, rented: 1, occupied: 22 });
    expect(b1.occupied).toBe(23);
    expect(b1.height).toBe(18);
    expect(b1.address).toBe('310117-FSXY-B01');
    expect(b1.lng).toBeGreaterThan(121.4);
  });

  it('caps the requested level by what the registry supports', () => {
    expect(sceneLevel({ maxLevel: 2 }, 4)).toBe(2);
    expect(sceneLevel({ maxLevel: 4 }, 3)).toBe(3);
    expect(sceneLevel({ maxLevel: 4 })).toBe(4);
    expect(sceneLevel({ maxLevel: 4 }, 0)).toBe(1);
  });

  it('finds blocks by address code (exact first) and by label, never by digits inside the district code', () => {
    const exact = searchModel(model, '310117-fsxy-b01-u02-f003-r303');
    expect(exact[0]).toMatchObject({ address: '310117-FSXY-B01-U02-F003-R303', kind: 'household', buildingCode: '1' });
    expect(exact[0]!.height).toBeGreaterThan(6);
    const label = searchModel(model, '1号楼2单元303');
    expect(label.map((h) => h.address)).toContain('310117-FSXY-B01-U02-F003-R303');
    // "117" is part of every code's district segment; as text it matches rooms only (none here).
    expect(searchModel(model, '117')).toEqual([]);
    const units = searchModel(model, '3号楼2单元', 50);
    expect(units[0]).toMatchObject({ kind: 'unit', address: '310117-FSXY-B03-U02' });
    expect(searchModel(model, '   ')).toEqual([]);
  });
});
