import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distanceToBoundary, normalizeBuildingCode, pointInPolygon, pointSegmentDistance, toLocal, type LngLat, type Vec2 } from '@linli/cim';
import { planDevices } from '../src/devices';
import { loadReferenceData } from '../src/reference';
import { readRegistry, siteGeometryOf } from '../src/registry';

const TENANTS = fileURLToPath(new URL('../../../tenants', import.meta.url));

describe('demo devices on the surveyed site (tenants/<slug>/registry)', () => {
  for (const tenant of loadReferenceData(TENANTS).tenants) {
    it(`${tenant.slug}: building devices inside their footprint, lights on roads, perimeter on the fence`, async () => {
      const reg = await readRegistry(TENANTS, tenant.slug);
      expect(reg?.parsed.fileProblems).toEqual([]);
      const geo = siteGeometryOf(reg!.parsed)!;
      const origin = { lng: tenant.lng, lat: tenant.lat };
      const local = (p: LngLat) => toLocal(origin, p);
      const boundary = geo.boundary.map(local);
      const devices = planDevices(tenant, geo);
      expect(devices.length).toBeGreaterThan(20);
      for (const d of devices) {
        const p = local([d.lng, d.lat]);
        expect(pointInPolygon(p, boundary, true, 0.5), `${d.code} inside the boundary`).toBe(true);
        if (d.buildingCode) {
          const ring = geo.footprints.get(normalizeBuildingCode(d.buildingCode)!)!.map(local);
          expect(pointInPolygon(p, ring, true, 0.5), `${d.code} inside ${d.buildingCode}`).toBe(true);
        }
        if (d.kind === 'street_light') {
          const near = Math.min(...geo.roads.flatMap((r) => r.slice(1).map((q, i) => pointSegmentDistance(p, local(r[i]!) as Vec2, local(q) as Vec2))));
          expect(near, `${d.code} on a road`).toBeLessThan(1);
        }
        if (d.kind === 'perimeter') expect(distanceToBoundary(p, boundary)).toBeLessThan(1);
      }
    });
  }
});
