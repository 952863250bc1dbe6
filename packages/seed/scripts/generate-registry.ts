/**
 * Writes tenants/<slug>/registry/{buildings.csv, households.csv, footprints.geojson, site.geojson}
 * for the reference communities — in exactly the formats the console import accepts, so the seed
 * loads them through the same import function. Run once after changing a tenant.json:
 *
 *   npx tsx packages/seed/scripts/generate-registry.ts
 *
 * Layouts are drawn in local metres (x east, y north) around the tenant's point, then rotated
 * to the estate's street grid and converted to WGS84. The script refuses overlapping buildings
 * and anything outside the boundary, so the output is always importable.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILDING_COLUMNS, HOUSEHOLD_COLUMNS, headerOf, toCsv } from '@linli/cim/import/index';
import { toLngLat, type LngLat } from '@linli/cim';
import { expandHouseholds } from '../src/households';
import { loadReferenceData } from '../src/reference';
import type { BuildingRef, TenantRef } from '../src/reference-types';

const TENANTS = fileURLToPath(new URL('../../../tenants', import.meta.url));

type V = [number, number];
interface Box {
  code: string;
  cx: number;
  cy: number;
  w: number;
  d: number;
}

const CODES: Record<string, { community: string; district: string; rotate: number; year: [number, number] }> = {
  moma: { community: 'MOMA', district: '110101', rotate: 0, year: [2007, 2009] },
  'fangsong-xinyuan': { community: 'FSXY', district: '310117', rotate: -8, year: [1999, 2004] },
  'jiangqiu-yuan': { community: 'JQY', district: '310117', rotate: 5, year: [2001, 2006] },
  'minyi-yuan': { community: 'MYY', district: '310117', rotate: -3, year: [1997, 2003] },
};

function size(b: BuildingRef): { w: number; d: number } {
  if (b.use === 'commercial') return { w: 30, d: 24 };
  if (b.roomsPerFloorPerUnit >= 4) return b.units === 1 ? { w: 26, d: 20 } : { w: b.units * 22, d: 20 };
  if (b.roomsPerFloorPerUnit === 3) return { w: b.units * 20, d: 16 };
  return b.floorsAbove > 9 ? { w: b.units * 13, d: 13 } : { w: b.units * 12, d: 11 };
}

const rect = (x0: number, y0: number, x1: number, y1: number): V[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const boxRing = (b: Box): V[] => rect(b.cx - b.w / 2, b.cy - b.d / 2, b.cx + b.w / 2, b.cy + b.d / 2);

interface Layout {
  boxes: Box[];
  boundary: V[];
  roads: { code: string; name: string; line: V[]; width: number }[];
  parking: { code: string; name: string; ring: V[]; spaces: number; underground: boolean; building?: string }[];
  facilities: { code: string; kind: string; name: string; geom: { type: 'Point'; c: V } | { type: 'LineString'; c: V[] } | { type: 'Polygon'; c: V[] }; height?: number; level?: number; building?: string }[];
}

/** 当代MOMA: nine towers in a 3×3 grid, mid-rise slabs north and south, the clubhouse east. */
function momaLayout(t: TenantRef): Layout {
  const by = new Map(t.buildings.map((b) => [b.code, b]));
  const boxes: Box[] = [];
  const put = (code: string, cx: number, cy: number) => {
    const b = by.get(code);
    if (b) boxes.push({ code, cx, cy, ...size(b) });
  };
  const xs = [-110, -30, 50];
  ['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09'].forEach((c, i) => put(c, xs[i % 3] as number, [70, 10, -50][Math.floor(i / 3)] as number));
  ['B10', 'B11', 'B12'].forEach((c, i) => put(c, xs[i] as number, 125));
  ['B13', 'B14', 'B15'].forEach((c, i) => put(c, xs[i] as number, -105));
  put('B16', 115, 10);
  const boundary: V[] = [[-150, -130], [145, -130], [145, 125], [120, 150], [-150, 150]];
  const ring: V[] = [[-142, -122], [137, -122], [137, 122], [115, 142], [-142, 142], [-142, -122]];
  const fac: Layout['facilities'] = [
    { code: 'PR01', kind: 'power_room', name: '1号配电房', geom: { type: 'Polygon', c: rect(-80, 118, -66, 128) }, height: 4.5, level: 3 },
    { code: 'WR01', kind: 'water_room', name: '生活水泵房', geom: { type: 'Polygon', c: rect(2, 118, 16, 128) }, height: 4.5, level: 3 },
    { code: 'SS01', kind: 'substation', name: '10kV 开闭站', geom: { type: 'Polygon', c: rect(-78, -112, -64, -100) }, height: 5, level: 3 },
    { code: 'SH01', kind: 'shelter', name: '人防工程出入口', geom: { type: 'Polygon', c: rect(2, -110, 14, -100) }, height: 3, level: 3 },
    { code: 'PV01', kind: 'pavilion', name: '中心花园凉亭', geom: { type: 'Polygon', c: rect(-76, 24, -68, 32) }, height: 4, level: 4 },
    { code: 'PV02', kind: 'pavilion', name: '南园凉亭', geom: { type: 'Polygon', c: rect(4, -36, 12, -28) }, height: 4, level: 4 },
    { code: 'FF01', kind: 'fire_facility', name: '消防控制室', geom: { type: 'Point', c: [115, 0] }, building: 'B16', level: 3 },
    { code: 'WP01', kind: 'water_pipe', name: '给水干管', geom: { type: 'LineString', c: [[-142, 46], [80, 46], [80, -122]] }, level: 3 },
    { code: 'DP01', kind: 'drain_pipe', name: '雨污排水干管', geom: { type: 'LineString', c: [[-142, 34], [86, 34], [86, -122]] }, level: 3 },
    { code: 'GP01', kind: 'gas_pipe', name: '中压燃气管', geom: { type: 'LineString', c: [[137, -20], [-142, -16]] }, level: 3 },
    { code: 'PL01', kind: 'power_line', name: '10kV 电缆', geom: { type: 'LineString', c: [[-71, -100], [-71, -24], [-73, 118]] }, level: 3 },
  ];
  xs.forEach((x, i) =>
    [70, 10, -50].forEach((y, j) => fac.push({ code: `HY${String(i * 3 + j + 1).padStart(2, '0')}`, kind: 'hydrant', name: `消火栓 ${i * 3 + j + 1}`, geom: { type: 'Point', c: [x + 25, y + 12] }, level: 3 })),
  );
  [[-142, 0], [-142, 90], [0, -122], [90, -122], [137, 60], [-60, 142], [90, 40], [20, -20]].forEach((p, i) =>
    fac.push({ code: `MH${String(i + 1).padStart(2, '0')}`, kind: 'manhole', name: `检查井 ${i + 1}`, geom: { type: 'Point', c: p as V }, level: 3 }),
  );
  [[-100, 100], [-20, 100], [60, 100], [-100, -80], [-20, -80], [60, -80]].forEach((p, i) =>
    fac.push({ code: `TP${String(i + 1).padStart(2, '0')}`, kind: 'trash_point', name: `垃圾分类投放点 ${i + 1}`, geom: { type: 'Point', c: p as V }, level: 3 }),
  );
  for (let i = 0; i < 8; i++) fac.push({ code: `CH${String(i + 1).padStart(2, '0')}`, kind: 'charger', name: `充电桩 ${i + 1}`, geom: { type: 'Point', c: [103, 45 + i * 6] }, level: 4 });
  return {
    boxes,
    boundary,
    roads: [
      { code: 'R01', name: '环路', line: ring, width: 7 },
      { code: 'R02', name: '北横路', line: [[-142, 40], [137, 40]], width: 6 },
      { code: 'R03', name: '南横路', line: [[-142, -20], [137, -20]], width: 6 },
      { code: 'R04', name: '东纵路（消防通道）', line: [[90, -122], [90, 142]], width: 7 },
    ],
    parking: [
      { code: 'P01', name: '地下车库', ring: rect(-135, -70, 75, 90), spaces: 1100, underground: true },
      { code: 'P02', name: '东北地面停车场', ring: rect(100, 42, 132, 95), spaces: 60, underground: false },
      { code: 'P03', name: '东南地面停车场', ring: rect(100, -95, 132, -25), spaces: 80, underground: false },
    ],
    facilities: fac,
  };
}

/** The Fangsong estates: rows of south-facing slabs, a ring road, a spine and parking along the south edge. */
function rowsLayout(t: TenantRef): Layout {
  const perRow = 4;
  const slot = 50;
  const rows: BuildingRef[][] = [];
  for (let i = 0; i < t.buildings.length; i += perRow) rows.push(t.buildings.slice(i, i + perRow));
  const boxes: Box[] = [];
  let y = 0;
  rows.forEach((row, r) => {
    const depth = Math.max(...row.map((b) => size(b).d));
    if (r > 0) y -= depth / 2;
    row.forEach((b, i) => boxes.push({ code: b.code, cx: (i - (perRow - 1) / 2) * slot, cy: y, ...size(b) }));
    y -= depth / 2 + 22;
  });
  const minY = Math.min(...boxes.map((b) => b.cy - b.d / 2));
  const maxY = Math.max(...boxes.map((b) => b.cy + b.d / 2));
  const halfW = (perRow * slot) / 2;
  const top = maxY + 30;
  const bottom = minY - 48;
  const left = -halfW - 18;
  const right = halfW + 18;
  const mid = (top + bottom) / 2;
  for (const b of boxes) b.cy -= mid;
  const T = top - mid;
  const B = bottom - mid;
  const boundary: V[] = [[left, B], [right, B], [right, T - 20], [right - 20, T], [left, T]];
  const ring: V[] = [[left + 9, B + 9], [right - 9, B + 9], [right - 9, T - 20], [right - 29, T - 9], [left + 9, T - 9], [left + 9, B + 9]];
  const rowBottom = minY - mid;
  const fac: Layout['facilities'] = [
    { code: 'PR01', kind: 'power_room', name: '配电房', geom: { type: 'Polygon', c: rect(-halfW + 5, T - 26, -halfW + 17, T - 18) }, height: 4, level: 3 },
    { code: 'WR01', kind: 'water_room', name: '二次供水泵房', geom: { type: 'Polygon', c: rect(-halfW + 30, T - 26, -halfW + 42, T - 18) }, height: 4, level: 3 },
    { code: 'SS01', kind: 'substation', name: '箱式变电站', geom: { type: 'Polygon', c: rect(halfW - 40, T - 25, halfW - 32, T - 19) }, height: 3, level: 3 },
    { code: 'WP01', kind: 'water_pipe', name: '给水干管', geom: { type: 'LineString', c: [[5, T - 9], [5, B + 9]] }, level: 3 },
    { code: 'DP01', kind: 'drain_pipe', name: '排水干管', geom: { type: 'LineString', c: [[-5, T - 9], [-5, B + 9]] }, level: 3 },
    { code: 'GP01', kind: 'gas_pipe', name: '燃气管', geom: { type: 'LineString', c: [[left + 15, B + 15], [left + 15, T - 15]] }, level: 3 },
    { code: 'PL01', kind: 'power_line', name: '电力电缆', geom: { type: 'LineString', c: [[-halfW + 11, T - 22], [halfW - 36, T - 22]] }, level: 3 },
    { code: 'FF01', kind: 'fire_facility', name: '微型消防站', geom: { type: 'Point', c: [-halfW + 60, T - 22] }, level: 3 },
    { code: 'PV01', kind: 'pavilion', name: '凉亭', geom: { type: 'Polygon', c: rect(-slot - 4, (boxes[0]!.cy + boxes[perRow]!.cy) / 2 - 4, -slot + 4, (boxes[0]!.cy + boxes[perRow]!.cy) / 2 + 4) }, height: 4, level: 4 },
  ];
  boxes.forEach((b, i) => {
    if (i % 2 === 0) fac.push({ code: `HY${String(i / 2 + 1).padStart(2, '0')}`, kind: 'hydrant', name: `消火栓 ${i / 2 + 1}`, geom: { type: 'Point', c: [b.cx + b.w / 2 + 3, b.cy] }, level: 3 });
  });
  const gaps = boxes.filter((_, i) => i % perRow === 0 && i + perRow < boxes.length).map((b, r) => (b.cy - b.d / 2 + (boxes[(r + 1) * perRow]!.cy + boxes[(r + 1) * perRow]!.d / 2)) / 2);
  gaps.forEach((gy, i) => fac.push({ code: `TP${String(i + 1).padStart(2, '0')}`, kind: 'trash_point', name: `垃圾分类投放点 ${i + 1}`, geom: { type: 'Point', c: [12, gy] }, level: 3 }));
  [[left + 9, 0], [right - 9, 0], [0, B + 9], [0, T - 9], [-60, B + 9], [60, B + 9]].forEach((p, i) =>
    fac.push({ code: `MH${String(i + 1).padStart(2, '0')}`, kind: 'manhole', name: `检查井 ${i + 1}`, geom: { type: 'Point', c: p as V }, level: 3 }),
  );
  for (let i = 0; i < 4; i++) fac.push({ code: `CH${String(i + 1).padStart(2, '0')}`, kind: 'charger', name: `充电桩 ${i + 1}`, geom: { type: 'Point', c: [12 + i * 5, rowBottom - 12] }, level: 4 });
  const lotTop = rowBottom - 8;
  const lotBottom = B + 15;
  const parking: Layout['parking'] = [
    { code: 'P01', name: '西停车场', ring: rect(left + 15, lotBottom, -6, lotTop), spaces: Math.floor(((-6 - left - 15) / 2.5) * 2), underground: false },
    { code: 'P02', name: '东停车场', ring: rect(6, lotBottom, right - 15, lotTop), spaces: Math.floor(((right - 15 - 6) / 2.5) * 2), underground: false },
  ];
  const towers = boxes.filter((b) => (t.buildings.find((x) => x.code === b.code)?.floorsBelow ?? 0) > 0);
  if (towers.length > 0) {
    const x0 = Math.min(...towers.map((b) => b.cx - b.w / 2)) - 4;
    const x1 = Math.max(...towers.map((b) => b.cx + b.w / 2)) + 4;
    const y0 = Math.min(...towers.map((b) => b.cy - b.d / 2)) - 4;
    const y1 = Math.max(...towers.map((b) => b.cy + b.d / 2)) + 4;
    parking.push({ code: 'P03', name: '高层地下车库', ring: rect(x0, y0, x1, y1), spaces: towers.length * 60, underground: true, building: towers[0]!.code });
    fac.push({ code: 'SH01', kind: 'shelter', name: '人防地下室', geom: { type: 'Polygon', c: rect(x0 + 2, y0 + 2, x0 + 14, y0 + 10) }, height: 3, level: 3, building: towers[0]!.code });
  }
  return {
    boxes,
    boundary,
    roads: [
      { code: 'R01', name: '环路', line: ring, width: 6 },
      { code: 'R02', name: '中央道路（消防通道）', line: [[0, B + 9], [0, T - 9]], width: 6 },
    ],
    parking,
    facilities: fac,
  };
}

function overlaps(a: Box, b: Box): boolean {
  return Math.abs(a.cx - b.cx) < (a.w + b.w) / 2 + 6 && Math.abs(a.cy - b.cy) < (a.d + b.d) / 2 + 6;
}

function inside(p: V, ring: V[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as V;
    const [xj, yj] = ring[j] as V;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function check(slug: string, l: Layout): void {
  l.boxes.forEach((a, i) => l.boxes.slice(i + 1).forEach((b) => {
    if (overlaps(a, b)) throw new Error(`${slug}: ${a.code} and ${b.code} overlap`);
  }));
  for (const b of l.boxes) for (const p of boxRing(b)) if (!inside(p, l.boundary)) throw new Error(`${slug}: ${b.code} leaves the boundary`);
  for (const f of l.facilities) {
    const pts = f.geom.type === 'Point' ? [f.geom.c] : f.geom.c;
    for (const p of pts) if (!inside(p, l.boundary)) throw new Error(`${slug}: ${f.code} leaves the boundary`);
  }
}

function rng(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

function write(t: TenantRef): void {
  const meta = CODES[t.slug];
  if (!meta) throw new Error(`no registry codes for ${t.slug}`);
  const layout = t.slug === 'moma' ? momaLayout(t) : rowsLayout(t);
  check(t.slug, layout);
  const θ = (meta.rotate * Math.PI) / 180;
  const origin = { lng: t.lng, lat: t.lat };
  const geo = (p: V): LngLat => {
    const [x, y] = p;
    const q = toLngLat(origin, [x * Math.cos(θ) - y * Math.sin(θ), x * Math.sin(θ) + y * Math.cos(θ)]);
    return [Math.round(q[0] * 1e7) / 1e7, Math.round(q[1] * 1e7) / 1e7];
  };
  const closed = (ring: V[]): LngLat[] => [...ring.map(geo), geo(ring[0] as V)];
  const dir = `${TENANTS}/${t.slug}/registry`;
  mkdirSync(dir, { recursive: true });
  const r = rng(`registry/${t.slug}`);

  const bRows = t.buildings.map((b) => {
    const high = b.floorsAbove > 11;
    const year = meta.year[0] + Math.floor(r() * (meta.year[1] - meta.year[0] + 1));
    return [
      b.code, b.name, b.floorsAbove, b.floorsBelow,
      b.use === 'commercial' ? 4.5 : high ? 3.0 : 2.9,
      b.units, b.use === 'commercial' ? '商业' : '住宅', year,
      b.use === 'commercial' ? '框架' : high ? '钢筋混凝土剪力墙' : b.floorsAbove > 6 ? '框架剪力墙' : '砖混',
      b.floorsAbove > 11 ? 2 : 1, b.floorsAbove > 11 ? 2 : b.floorsAbove > 6 ? 1 : 0,
    ];
  });
  writeFileSync(`${dir}/buildings.csv`, toCsv([BUILDING_COLUMNS.map(headerOf), ...bRows]));

  const STATE_ZH: Record<string, string> = { occupied: '自住', rented: '出租', vacant: '空置', unknown: '未知' };
  const hRows = expandHouseholds(t).map((h) => [h.buildingCode, h.unit, h.floor, h.room, h.area, h.use === 'commercial' ? '商业' : h.state === 'rented' ? '出租' : '住宅', STATE_ZH[h.state] ?? '未知']);
  writeFileSync(`${dir}/households.csv`, toCsv([HOUSEHOLD_COLUMNS.map(headerOf), ...hRows]));

  const fc = (features: unknown[]) => `${JSON.stringify({ type: 'FeatureCollection', features }, null, 0).replace(/\},\{"type":"Feature"/g, '},\n{"type":"Feature"')}\n`;
  writeFileSync(
    `${dir}/footprints.geojson`,
    fc(layout.boxes.map((b) => ({ type: 'Feature', properties: { code: b.code, name: t.buildings.find((x) => x.code === b.code)?.name }, geometry: { type: 'Polygon', coordinates: [closed(boxRing(b))] } }))),
  );
  const site = [
    { type: 'Feature', properties: { layer: 'boundary', communityCode: meta.community, districtCode: meta.district, name: t.nameZh }, geometry: { type: 'Polygon', coordinates: [closed(layout.boundary)] } },
    ...layout.roads.map((x) => ({ type: 'Feature', properties: { layer: 'road', code: x.code, name: x.name, width: x.width }, geometry: { type: 'LineString', coordinates: x.line.map(geo) } })),
    ...layout.parking.map((p) => ({
      type: 'Feature',
      properties: { layer: 'parking', code: p.code, name: p.name, spaces: p.spaces, underground: p.underground, ...(p.building ? { buildingCode: p.building } : {}) },
      geometry: { type: 'Polygon', coordinates: [closed(p.ring)] },
    })),
    ...layout.facilities.map((f) => ({
      type: 'Feature',
      properties: { layer: 'facility', code: f.code, kind: f.kind, name: f.name, level: f.level ?? 3, ...(f.height ? { height: f.height } : {}), ...(f.building ? { buildingCode: f.building } : {}) },
      geometry: f.geom.type === 'Point' ? { type: 'Point', coordinates: geo(f.geom.c) } : f.geom.type === 'LineString' ? { type: 'LineString', coordinates: f.geom.c.map(geo) } : { type: 'Polygon', coordinates: [closed(f.geom.c)] },
    })),
  ];
  writeFileSync(`${dir}/site.geojson`, fc(site));
  console.log(`${t.slug}: ${bRows.length} buildings, ${hRows.length} households, ${layout.roads.length} roads, ${layout.parking.length} parking, ${layout.facilities.length} facilities`);
}

for (const t of loadReferenceData(TENANTS).tenants) write(t);
