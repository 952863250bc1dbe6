import type * as CesiumNs from 'cesium';
import type { SceneData } from '@linli/db';
import type { Cesium } from './cesium';
import { ALARM, CASE_OPEN, CASE_OVERDUE, OFFLINE, ONLINE, occupancyColor } from './colors';

/**
 * Draws the scene data as entities into named layers: `ground` (boundary, roads, parking),
 * `footprints` (CIM1), `facility:<kind>`, `device:<kind>` and `case:<kind>`. Entity ids carry
 * their type (`building:`, `device:`, `facility:`, `case:`…), which picking reads back.
 */
export function addSceneEntities(C: Cesium, data: SceneData, layer: (name: string) => CesiumNs.CustomDataSource): void {
  const h0 = data.origin.height;
  const flat = (ring: [number, number][], h: number) => C.Cartesian3.fromDegreesArrayHeights(ring.flatMap(([x, y]) => [x, y, h]));
  const ground = layer('ground');
  if (data.site.boundary.length >= 3) {
    ground.entities.add({
      id: 'boundary',
      polygon: { hierarchy: new C.PolygonHierarchy(flat(data.site.boundary, h0 + 0.05)), perPositionHeight: true, material: C.Color.fromCssColorString('#b9d7a8').withAlpha(0.75) },
      polyline: { positions: flat([...data.site.boundary, data.site.boundary[0]!], h0 + 0.3), width: 2, material: C.Color.fromCssColorString('#4b7a3a') },
    });
  }
  for (const r of data.site.roads) {
    if (r.centerline.length < 2) continue;
    ground.entities.add({
      id: `road:${r.code}`,
      name: r.name,
      corridor: { positions: C.Cartesian3.fromDegreesArray(r.centerline.flat()), width: Math.max(r.width, 1), height: h0 + 0.15, material: C.Color.fromCssColorString('#9aa0a6') },
    });
  }
  for (const p of data.site.parking) {
    if (p.outline.length < 3) continue;
    ground.entities.add({
      id: `parking:${p.code}`,
      name: p.name,
      polygon: { hierarchy: new C.PolygonHierarchy(flat(p.outline, h0 + 0.25)), perPositionHeight: true, material: C.Color.fromCssColorString(p.underground ? '#8fb3d9' : '#c6d4e6').withAlpha(0.85) },
    });
  }

  for (const f of data.site.facilities) {
    const ds = layer(`facility:${f.kind}`);
    // A facility is drawn from its own level on; located symbols (CIM3) show on coarser levels too.
    if (f.level > Math.max(data.level, 3)) continue;
    const g = f.geometry;
    const color = C.Color.fromCssColorString('#7a5c99');
    if (g.type === 'Point') {
      const [lng, lat] = g.coordinates;
      ds.entities.add({
        id: `facility:${f.code}`,
        name: f.name,
        position: C.Cartesian3.fromDegrees(lng, lat, h0 + (f.height ?? 0) + 0.8),
        point: { pixelSize: 7, color, outlineColor: C.Color.WHITE, outlineWidth: 1 },
      });
    } else if (g.type === 'LineString') {
      ds.entities.add({ id: `facility:${f.code}`, name: f.name, polyline: { positions: flat(g.coordinates, h0 + 0.4), width: 3, material: color } });
    } else if (g.coordinates[0] && g.coordinates[0].length >= 3) {
      ds.entities.add({
        id: `facility:${f.code}`,
        name: f.name,
        polygon: {
          hierarchy: new C.PolygonHierarchy(flat(g.coordinates[0], h0 + 0.3)),
          perPositionHeight: true,
          ...(f.height && data.level >= 3 ? { extrudedHeight: h0 + f.height } : {}),
          material: color.withAlpha(0.7),
        },
      });
    }
  }

  // CIM1: the registry as footprints with their counts (no 3D model at this level).
  const fp = layer('footprints');
  if (data.level === 1) {
    for (const b of data.buildings) {
      if (b.footprint.length < 3) continue;
      const rate = b.households > 0 ? b.occupied / b.households : null;
      fp.entities.add({
        id: `building:${b.code}`,
        name: b.name,
        polygon: {
          hierarchy: new C.PolygonHierarchy(flat(b.footprint, h0 + 0.5)),
          perPositionHeight: true,
          material: C.Color.fromCssColorString(occupancyColor(rate)).withAlpha(0.9),
          outline: true,
          outlineColor: C.Color.fromCssColorString('#444'),
        },
      });
      fp.entities.add({
        id: `label:${b.code}`,
        position: C.Cartesian3.fromDegrees(b.lng, b.lat, h0 + 2),
        label: {
          text: `${b.name}\n${b.households} · ${rate === null ? '—' : `${Math.round(rate * 100)}%`}`,
          font: '13px sans-serif',
          fillColor: C.Color.BLACK,
          showBackground: true,
          backgroundColor: C.Color.WHITE.withAlpha(0.8),
          horizontalOrigin: C.HorizontalOrigin.CENTER,
          verticalOrigin: C.VerticalOrigin.CENTER,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        },
      });
    }
  }

  const heightOf = (code: string | null, floor: number | null) => {
    const b = code ? data.buildings.find((x) => x.code === code) : undefined;
    if (b && floor !== null && floor !== 0) return h0 + (floor > 0 ? (floor - 0.5) * b.floorHeight : floor * b.floorHeight + b.floorHeight / 2);
    return h0 + 1.5;
  };
  for (const d of data.devices) {
    if (d.lng === null || d.lat === null) continue;
    const ds = layer(`device:${d.kind}`);
    const alarm = d.openAlarms > 0;
    ds.entities.add({
      id: `device:${d.id}`,
      name: d.name,
      position: C.Cartesian3.fromDegrees(d.lng, d.lat, heightOf(d.buildingCode, d.floor)),
      point: {
        pixelSize: alarm ? 13 : 8,
        color: C.Color.fromCssColorString(alarm ? ALARM : d.online ? ONLINE : OFFLINE),
        outlineColor: alarm ? C.Color.fromCssColorString('#fff3c4') : C.Color.WHITE,
        outlineWidth: alarm ? 3 : 1,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      },
    });
  }
  for (const c of data.cases) {
    const b = c.buildingCode ? data.buildings.find((x) => x.code === c.buildingCode) : undefined;
    // A case without a GPS fix stands just above the roof of the building it was reported on.
    const at = c.lng !== null && c.lat !== null ? { lng: c.lng, lat: c.lat, h: h0 + 2 } : b ? { lng: b.lng, lat: b.lat, h: h0 + b.height + 4 } : null;
    if (!at) continue;
    layer(`case:${c.kind}`).entities.add({
      id: `case:${c.id}`,
      name: c.title,
      position: C.Cartesian3.fromDegrees(at.lng, at.lat, at.h),
      point: {
        pixelSize: 14,
        color: C.Color.fromCssColorString(c.overdue ? CASE_OVERDUE : CASE_OPEN),
        outlineColor: C.Color.WHITE,
        outlineWidth: 2,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      },
    });
  }
}
