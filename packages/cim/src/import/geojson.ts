/**
 * GeoJSON side of the import: building footprints (and unit outlines) keyed by building code,
 * and the community's ground (boundary, roads, parking, facilities). Checks run per feature
 * and name it by its number; nothing here throws on bad input.
 */
import { normalizeBuildingCode } from '../address';
import { cleanRing, signedArea } from '../geo/polygon';
import { FACILITY_KINDS, type FacilityInput, type FacilityKind, type ParkingInput, type RoadInput, type SiteGeometry } from '../site/types';
import type { CimLevel, LngLat } from '../types';
import { CHINA_BOUNDS, validateFootprint } from '../validate/footprint';
import { problemOf, type ImportFile, type ImportProblem } from './problems';

type Json = Record<string, unknown>;

export interface FootprintsRead {
  /** Normalised building code → exterior ring (counter-clockwise, not closed). */
  footprints: Map<string, { code: string; ring: LngLat[]; row: number }>;
  /** Normalised building code → unit number → outline. */
  unitOutlines: Map<string, Map<number, LngLat[]>>;
  problems: ImportProblem[];
}

export interface SiteRead {
  community: { code?: string; districtCode?: string };
  boundary: LngLat[] | null;
  roads: (RoadInput & { row: number })[];
  parking: (ParkingInput & { row: number })[];
  facilities: (FacilityInput & { row: number })[];
  problems: ImportProblem[];
}

const ACCEPTED_CRS = /(crs84|wgs[\s_-]?84|epsg:{1,2}4326|epsg\/0\/4326)$/i;

/** Parses the text and checks it is a WGS84 FeatureCollection; returns its features or null. */
function featuresOf(file: ImportFile, text: string, problems: ImportProblem[]): Json[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    problems.push(problemOf(file, null, null, 'bad_json', `不是有效的 JSON 文件：${(e as Error).message}`, `Not a valid JSON file: ${(e as Error).message}`));
    return null;
  }
  const fc = doc as Json;
  if (typeof fc !== 'object' || fc === null || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    problems.push(problemOf(file, null, null, 'not_feature_collection', '应为 GeoJSON FeatureCollection（含 features 数组）', 'Expected a GeoJSON FeatureCollection with a features array'));
    return null;
  }
  const crs = fc.crs as Json | undefined;
  if (crs !== undefined && crs !== null) {
    const name = String(((crs.properties as Json | undefined)?.name as string | undefined) ?? (crs.properties as Json | undefined)?.href ?? '');
    if (!ACCEPTED_CRS.test(name.trim())) {
      problems.push(
        problemOf(
          file,
          null,
          'crs',
          'wrong_crs',
          `坐标系“${name || '未知'}”不受支持：请导出为 WGS84 经纬度（EPSG:4326 / CRS84）`,
          `Coordinate reference system "${name || 'unknown'}" is not supported: export as WGS84 longitude/latitude (EPSG:4326 / CRS84)`,
        ),
      );
      return null;
    }
  }
  return fc.features as Json[];
}

const isPos = (p: unknown): p is number[] => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Checks raw positions: projected metres and places outside China are errors of the feature. */
function checkPositions(file: ImportFile, row: number, positions: unknown[], problems: ImportProblem[]): LngLat[] | null {
  if (positions.length === 0 || !positions.every(isPos)) {
    problems.push(problemOf(file, row, 'geometry', 'invalid_coordinate', '坐标无效（应为 [经度, 纬度] 数值）', 'Invalid coordinates (expected [longitude, latitude] numbers)'));
    return null;
  }
  const pts = (positions as number[][]).map((p) => [p[0], p[1]] as LngLat);
  const projected = pts.find(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90);
  if (projected !== undefined) {
    problems.push(
      problemOf(
        file,
        row,
        'geometry',
        'projected_coordinates',
        `坐标 (${projected[0]}, ${projected[1]}) 像是投影坐标（米），不是经纬度：请转换为 WGS84`,
        `Coordinate (${projected[0]}, ${projected[1]}) looks projected (metres), not longitude/latitude: convert to WGS84`,
      ),
    );
    return null;
  }
  const outside = pts.find(([x, y]) => x < CHINA_BOUNDS.minLng || x > CHINA_BOUNDS.maxLng || y < CHINA_BOUNDS.minLat || y > CHINA_BOUNDS.maxLat);
  if (outside !== undefined) {
    problems.push(
      problemOf(file, row, 'geometry', 'outside_china', `坐标 (${outside[0]}, ${outside[1]}) 不在中国范围内（经度 73–136，纬度 3–54）`, `Coordinate (${outside[0]}, ${outside[1]}) is outside China (longitude 73–136, latitude 3–54)`),
    );
    return null;
  }
  return pts;
}

/** A Polygon's exterior ring, checked and repaired (closed ring opened, clockwise reversed); null when unusable. */
function polygonRing(file: ImportFile, row: number, geometry: Json | null, problems: ImportProblem[], opts: { allowLarge?: boolean } = {}): LngLat[] | null {
  let rings: unknown = null;
  if (geometry?.type === 'Polygon') rings = geometry.coordinates;
  else if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates) && geometry.coordinates.length === 1) rings = geometry.coordinates[0];
  if (!Array.isArray(rings) || !Array.isArray(rings[0])) {
    problems.push(problemOf(file, row, 'geometry', 'not_polygon', `几何类型应为 Polygon，实际为 ${String(geometry?.type ?? '空')}`, `Geometry must be a Polygon, got ${String(geometry?.type ?? 'none')}`));
    return null;
  }
  const ring = checkPositions(file, row, rings[0] as unknown[], problems);
  if (ring === null) return null;
  let fatal = false;
  for (const p of validateFootprint(ring, { mode: 'geojson' })) {
    if (opts.allowLarge && p.code === 'too_large') continue;
    if (p.severity === 'error') fatal = true;
    problems.push(problemOf(file, row, 'geometry', `footprint_${p.code}`, p.zh, p.en, p.severity));
  }
  if (fatal) return null;
  const open = cleanRing(ring, 1e-7);
  return signedArea(open) < 0 ? open.reverse() : open;
}

const propsOf = (f: Json): Json => (typeof f.properties === 'object' && f.properties !== null ? (f.properties as Json) : {});
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v).normalize('NFKC').trim());

export function readFootprints(text: string): FootprintsRead {
  const out: FootprintsRead = { footprints: new Map(), unitOutlines: new Map(), problems: [] };
  const features = featuresOf('footprints', text, out.problems);
  if (features === null) return out;
  features.forEach((f, i) => {
    const row = i + 1;
    const p = propsOf(f);
    const raw = str(p.code ?? p.buildingCode ?? p.building_code ?? p['楼栋编码'] ?? f.id);
    const code = normalizeBuildingCode(raw);
    if (code === null) {
      out.problems.push(problemOf('footprints', row, 'code', 'bad_code', `要素缺少有效的楼栋编码（properties.code），实际为“${raw}”`, `The feature lacks a valid building code (properties.code), got "${raw}"`));
      return;
    }
    const ring = polygonRing('footprints', row, (f.geometry as Json | null) ?? null, out.problems);
    if (ring === null) return;
    const unitRaw = p.unit ?? p['单元'];
    if (unitRaw !== undefined && unitRaw !== null && str(unitRaw) !== '') {
      const unit = Number(unitRaw);
      if (!Number.isInteger(unit) || unit < 1) {
        out.problems.push(problemOf('footprints', row, 'unit', 'bad_value', `单元 ${str(unitRaw)} 无效`, `Unit ${str(unitRaw)} is invalid`));
        return;
      }
      const units = out.unitOutlines.get(code) ?? new Map<number, LngLat[]>();
      units.set(unit, ring);
      out.unitOutlines.set(code, units);
      return;
    }
    const first = out.footprints.get(code);
    if (first !== undefined) {
      out.problems.push(problemOf('footprints', row, 'code', 'duplicate_building', `楼栋“${raw}”的轮廓重复（第 ${first.row} 个要素已有）`, `Duplicate footprint for building "${raw}" (feature ${first.row} has one)`));
      return;
    }
    out.footprints.set(code, { code: raw, ring, row });
  });
  return out;
}

const LAYERS = ['boundary', 'road', 'parking', 'facility'] as const;

export function readSite(text: string): SiteRead {
  const out: SiteRead = { community: {}, boundary: null, roads: [], parking: [], facilities: [], problems: [] };
  const features = featuresOf('site', text, out.problems);
  if (features === null) return out;
  const codes = new Map<string, number>();
  const unique = (row: number, code: string): boolean => {
    if (code === '') {
      out.problems.push(problemOf('site', row, 'code', 'missing_value', '缺少编码（properties.code）', 'Missing code (properties.code)'));
      return false;
    }
    const first = codes.get(code);
    if (first !== undefined) {
      out.problems.push(problemOf('site', row, 'code', 'duplicate_code', `编码“${code}”重复（第 ${first} 个要素已使用）`, `Duplicate code "${code}" (used by feature ${first})`));
      return false;
    }
    codes.set(code, row);
    return true;
  };
  features.forEach((f, i) => {
    const row = i + 1;
    const p = propsOf(f);
    const g = (f.geometry as Json | null) ?? null;
    const kind = str(p.kind);
    const layer = str(p.layer) || (FACILITY_KINDS.includes(kind as FacilityKind) ? 'facility' : '');
    if (!LAYERS.includes(layer as (typeof LAYERS)[number])) {
      out.problems.push(problemOf('site', row, 'layer', 'bad_value', `图层“${layer}”无法识别（boundary/road/parking/facility）`, `Layer "${layer}" is not recognised (boundary/road/parking/facility)`));
      return;
    }
    const code = str(p.code);
    const name = str(p.name) || code;
    const buildingCode = str(p.buildingCode ?? p.building_code);
    if (layer === 'boundary') {
      if (out.boundary !== null) {
        out.problems.push(problemOf('site', row, 'layer', 'duplicate_boundary', '只能有一个小区边界', 'Only one community boundary is allowed'));
        return;
      }
      const ring = polygonRing('site', row, g, out.problems, { allowLarge: true });
      if (ring !== null) out.boundary = ring;
      const cc = str(p.communityCode);
      const dc = str(p.districtCode);
      if (cc !== '') out.community.code = cc;
      if (dc !== '') out.community.districtCode = dc;
      return;
    }
    if (!unique(row, code)) return;
    if (layer === 'road') {
      if (g?.type !== 'LineString' || !Array.isArray(g.coordinates) || g.coordinates.length < 2) {
        out.problems.push(problemOf('site', row, 'geometry', 'not_linestring', '道路应为至少 2 个点的 LineString', 'A road must be a LineString of at least 2 points'));
        return;
      }
      const line = checkPositions('site', row, g.coordinates as unknown[], out.problems);
      const width = p.width === undefined ? 6 : Number(p.width);
      if (!(width > 0 && width <= 60)) {
        out.problems.push(problemOf('site', row, 'width', 'bad_value', `路宽 ${str(p.width)} 无效（0–60 米）`, `Road width ${str(p.width)} is invalid (0–60 m)`));
        return;
      }
      if (line !== null) out.roads.push({ code, name, centerline: line, width, row });
      return;
    }
    if (layer === 'parking') {
      const ring = polygonRing('site', row, g, out.problems);
      const spaces = Number(p.spaces ?? 0);
      if (!Number.isInteger(spaces) || spaces < 0 || spaces > 10_000) {
        out.problems.push(problemOf('site', row, 'spaces', 'bad_value', `车位数 ${str(p.spaces)} 无效（0–10000 的整数）`, `Space count ${str(p.spaces)} is invalid (integer 0–10,000)`));
        return;
      }
      if (ring !== null) {
        out.parking.push({ code, name, outline: ring, spaces, underground: p.underground === true || p.underground === 'true', row, ...(buildingCode ? { buildingCode } : {}) });
      }
      return;
    }
    if (!FACILITY_KINDS.includes(kind as FacilityKind)) {
      out.problems.push(problemOf('site', row, 'kind', 'bad_value', `设施类型“${kind}”无法识别（${FACILITY_KINDS.join('/')}）`, `Facility kind "${kind}" is not recognised (${FACILITY_KINDS.join('/')})`));
      return;
    }
    const levelRaw = p.level === undefined ? 3 : Number(p.level);
    if (![1, 2, 3, 4].includes(levelRaw)) {
      out.problems.push(problemOf('site', row, 'level', 'bad_value', `CIM 等级 ${str(p.level)} 无效（1–4）`, `CIM level ${str(p.level)} is invalid (1–4)`));
      return;
    }
    const height = p.height === undefined || p.height === null ? undefined : Number(p.height);
    if (height !== undefined && !(height > 0 && height < 200)) {
      out.problems.push(problemOf('site', row, 'height', 'bad_value', `高度 ${str(p.height)} 无效`, `Height ${str(p.height)} is invalid`));
      return;
    }
    let geometry: SiteGeometry | null = null;
    if (g?.type === 'Point') {
      const pt = checkPositions('site', row, [g.coordinates], out.problems);
      if (pt !== null) geometry = { type: 'Point', coordinates: pt[0] as LngLat };
    } else if (g?.type === 'LineString' && Array.isArray(g.coordinates) && g.coordinates.length >= 2) {
      const line = checkPositions('site', row, g.coordinates as unknown[], out.problems);
      if (line !== null) geometry = { type: 'LineString', coordinates: line };
    } else if (g?.type === 'Polygon') {
      const ring = polygonRing('site', row, g, out.problems);
      if (ring !== null) geometry = { type: 'Polygon', coordinates: [[...ring, ring[0] as LngLat]] };
    } else {
      out.problems.push(problemOf('site', row, 'geometry', 'bad_geometry', `设施几何应为 Point、LineString 或 Polygon，实际为 ${String(g?.type ?? '空')}`, `A facility must be a Point, LineString or Polygon, got ${String(g?.type ?? 'none')}`));
    }
    if (geometry === null) return;
    out.facilities.push({ code, kind: kind as FacilityKind, name, geometry, level: levelRaw as CimLevel, row, ...(height !== undefined ? { height } : {}), ...(buildingCode ? { buildingCode } : {}) });
  });
  return out;
}
