import { and, asc, eq } from 'drizzle-orm';
import { addressCode, collectFeatures, defaultFeatureLevel, parseAddressCode, type CimLevel, type CimModel, type CommunityRegistry, type SiteInput, type Tileset } from '@linli/cim';
import { decryptField, mask, type FieldKeys } from '@linli/security';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { buildings, households, residents } from '../../schema';
import { loadCommunityRegistry } from './registry';
import { cachedContent, cachedModel, cachedTileset, peekTileset } from './scene-cache';
import { sceneVersions } from './scene-version';
import { sceneCases, type SceneCase } from './scene-cases';
import { sceneDevices, type SceneDevice } from './scene-devices';
import { sceneAddresses, sceneBuildings, sceneLevel, searchModel, type SceneBuilding, type SceneHit } from './scene-model';
import { searchAddress } from './search';

export interface SceneData {
  community: CommunityRegistry['community'];
  version: string;
  level: CimLevel;
  maxLevel: CimLevel;
  origin: { lng: number; lat: number; height: number };
  site: SiteInput;
  buildings: SceneBuilding[];
  devices: SceneDevice[];
  /** Open hazard cases (empty unless the user may read field work). */
  cases: SceneCase[];
  totals: { buildings: number; households: number; occupied: number; devices: number; offline: number; openAlarms: number };
  /** Pickable blocks drawn from the tileset at this level (0 at CIM1: footprints only). */
  featureCount: number;
}

/**
 * Everything the community scene draws besides the tileset: ground (boundary, roads, parking),
 * facilities, building summaries for CIM1 markers and cards, devices with state (R4.1.2, R6.2.5),
 * open hazard cases where they were reported (R6.5).
 */
export async function sceneData(tx: Executor, params: { tenantId: string; level?: number; devices: boolean; cases?: boolean }): Promise<SceneData> {
  const registry = await loadCommunityRegistry(tx, params.tenantId);
  const level = sceneLevel(registry, params.level);
  const model = cachedModel(params.tenantId, registry, level);
  const list = sceneBuildings(registry, model);
  const devices = params.devices ? await sceneDevices(tx) : [];
  const cases = params.cases ? await sceneCases(tx) : [];
  // The browser asks for tileset.json right after it has this answer and Cesium has loaded:
  // build the tiles now, after this response, so that request finds them ready.
  if (level >= 2) setTimeout(() => prewarm(params.tenantId, registry, level), 0);
  const featureCount = level >= 2 ? collectFeatures(model.buildings, defaultFeatureLevel(level)).length : 0;
  return {
    community: registry.community,
    version: registry.version,
    level,
    maxLevel: registry.maxLevel,
    origin: model.origin,
    site: registry.site,
    buildings: list,
    devices,
    cases,
    totals: {
      buildings: list.length,
      households: list.reduce((s, b) => s + b.households, 0),
      occupied: list.reduce((s, b) => s + b.occupied, 0),
      devices: devices.length,
      offline: devices.filter((d) => !d.online).length,
      openAlarms: devices.reduce((s, d) => s + d.openAlarms, 0),
    },
    featureCount,
  };
}

function prewarm(tenantId: string, registry: CommunityRegistry, level: CimLevel) {
  try {
    cachedTileset(tenantId, registry, level);
  } catch (error) {
    // The tileset request will build again and report the failure to the user.
    console.error('scene tileset prewarm failed', error);
  }
}

const NO_MODEL = msg('该层级没有三维模型（CIM1 为楼盘表，只显示轮廓）', 'There is no 3D model at this level (CIM1 is the registry: footprints only)');

/** tileset.json of the community at a level (≥ CIM2), built once per registry version. */
export async function sceneTileset(tx: Executor, params: { tenantId: string; level?: number }): Promise<{ tileset: Tileset; version: string; level: CimLevel }> {
  // Usually built already (by sceneData's prewarm or an earlier visit): found by the version
  // alone, without reading the registry.
  const version = (await sceneVersions(tx, [params.tenantId])).get(params.tenantId) ?? '0';
  if (params.level !== undefined && params.level >= 2) {
    const hit = peekTileset(params.tenantId, version, params.level as CimLevel);
    if (hit) return { tileset: hit.tileset, version, level: params.level as CimLevel };
  }
  const registry = await loadCommunityRegistry(tx, params.tenantId);
  const level = sceneLevel(registry, params.level);
  if (level < 2) throw new AppError('NOT_FOUND', NO_MODEL);
  const { tileset } = cachedTileset(params.tenantId, registry, level);
  return { tileset, version: registry.version, level };
}

const CONTENT_URI = /^content\/[0-9a-f]{8,64}\.glb$/;

/** One glb of the tileset; content names are hashes, so a hit in any cached version is right. */
export async function sceneTileContent(tx: Executor, params: { tenantId: string; level?: number; uri: string }): Promise<Uint8Array> {
  if (!CONTENT_URI.test(params.uri)) throw new AppError('NOT_FOUND', msg('没有该模型文件', 'No such model file'));
  const hit = cachedContent(params.tenantId, params.uri);
  if (hit) return hit;
  // Evicted or restarted: rebuild the current version, which holds the file unless the registry changed.
  const registry = await loadCommunityRegistry(tx, params.tenantId);
  const level = sceneLevel(registry, params.level);
  if (level < 2) throw new AppError('NOT_FOUND', NO_MODEL);
  const file = cachedTileset(params.tenantId, registry, level).files.get(params.uri);
  if (!file) throw new AppError('NOT_FOUND', msg('模型已更新，请刷新页面', 'The model has changed; reload the page'));
  return file;
}

const positions = new WeakMap<CimModel, Map<string, SceneHit>>();

function positionsOf(model: CimModel): Map<string, SceneHit> {
  let index = positions.get(model);
  if (!index) {
    index = new Map();
    for (const hit of sceneAddresses(model)) index.set(hit.address, hit);
    positions.set(model, index);
  }
  return index;
}

/**
 * Address search in the scene. Free text goes through the registry's own address search
 * (pg_trgm, tolerant spelling: "5-1-1201", "三号楼"), whose hits are placed on the model by their
 * address codes; address codes (and text the registry search does not know, like "2单元 5层")
 * are matched against the model's blocks: buildings, units, floors, households.
 */
export async function sceneSearch(tx: Executor, params: { tenantId: string; query: string; limit?: number }): Promise<SceneHit[]> {
  const limit = params.limit ?? 20;
  const registry = await loadCommunityRegistry(tx, params.tenantId);
  const model = cachedModel(params.tenantId, registry, registry.maxLevel);
  const code = params.query.normalize('NFKC').trim();
  if (!/-/.test(code) && !/^\d{6}/.test(code)) {
    const index = positionsOf(model);
    const hits = (await searchAddress(tx, { tenantId: params.tenantId, query: params.query, limit }))
      .map((h) => {
        const at = index.get(h.addressCode);
        return at ? { ...at, labelZh: h.labelZh, labelEn: h.labelEn } : null;
      })
      .filter((h): h is SceneHit => h !== null);
    if (hits.length > 0) return hits;
  }
  return searchModel(model, params.query, limit);
}

export interface SceneResident {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  category: string;
}

export interface SceneHousehold {
  address: string;
  buildingCode: string;
  buildingName: string;
  unit: number;
  floor: number;
  room: string;
  area: number | null;
  use: string;
  state: string;
  /** null when the caller may not read residents at all. */
  residents: SceneResident[] | null;
  masked: boolean;
}

/**
 * The household card (R6.6.10: building/house info on the model with its residents). Residents
 * are masked unless the caller holds residents.pii and asks for full values; a full read is
 * audited like the residents list.
 */
export async function sceneHousehold(
  tx: Executor,
  keys: FieldKeys,
  params: { tenantId: string; address: string; canReadResidents: boolean; full: boolean; actor: AuditActor },
): Promise<SceneHousehold> {
  const notFound = () => new AppError('NOT_FOUND', msg('没有该地址编码的房屋', 'No household has this address code'));
  let parts;
  try {
    parts = parseAddressCode(params.address);
  } catch {
    throw notFound();
  }
  if (parts.buildingCode === undefined || parts.unit === undefined || parts.room === undefined) throw notFound();
  const registry = await loadCommunityRegistry(tx, params.tenantId);
  const model = cachedModel(params.tenantId, registry, registry.maxLevel >= 4 ? 4 : registry.maxLevel);
  const buildingAddress = addressCode({ districtCode: parts.districtCode, communityCode: parts.communityCode, buildingCode: parts.buildingCode });
  const b = model.buildings.find((x) => x.address === buildingAddress);
  if (!b) throw notFound();
  const [row] = await tx
    .select({ id: households.id, unit: households.unit, floor: households.floor, room: households.room, area: households.area, use: households.use, state: households.state })
    .from(households)
    .innerJoin(buildings, and(eq(buildings.tenantId, households.tenantId), eq(buildings.id, households.buildingId)))
    .where(and(eq(buildings.code, b.code), eq(households.unit, parts.unit), eq(households.floor, parts.floor ?? 0), eq(households.room, roomOf(registry, b.code, parts))));
  if (!row) throw notFound();
  let list: SceneResident[] | null = null;
  if (params.canReadResidents) {
    const rs = await tx
      .select({ id: residents.id, name: residents.name, phone: residents.phone, idNumberEnc: residents.idNumberEnc, category: residents.category })
      .from(residents)
      .where(eq(residents.householdId, row.id))
      .orderBy(asc(residents.name));
    list = rs.map((r) => {
      const idNumber = r.idNumberEnc ? decryptField(r.idNumberEnc, keys.enc) : null;
      return {
        id: r.id,
        name: params.full ? r.name : mask('name', r.name),
        phone: params.full ? r.phone : (mask('phone', r.phone) ?? null),
        idNumber: params.full ? idNumber : (mask('idNumber', idNumber) ?? null),
        category: r.category,
      };
    });
    if (params.full && rs.length) {
      await appendAudit(tx, params.actor, {
        action: 'residents.pii_read',
        tenantId: params.tenantId,
        targetType: 'household',
        targetId: row.id,
        summary: `full personal data of ${rs.length} resident(s) of one household (3D scene)`,
        after: rs.map((r) => r.id),
      });
    }
  }
  return {
    address: params.address,
    buildingCode: b.code,
    buildingName: b.name,
    unit: row.unit,
    floor: row.floor,
    room: row.room,
    area: row.area,
    use: row.use,
    state: row.state,
    residents: list,
    masked: !params.full,
  };
}

/** The registry's own spelling of the room whose address segment the code carries. */
function roomOf(registry: CommunityRegistry, buildingCode: string, parts: { unit?: number; floor?: number; room?: string }): string {
  const seg = (s: string) => s.normalize('NFKC').trim().toUpperCase().replace(/[\s\-/]+/g, '_');
  const h = registry.households.find((x) => x.buildingCode === buildingCode && x.unit === parts.unit && x.floor === parts.floor && seg(x.room) === parts.room);
  return h?.room ?? parts.room ?? '';
}
