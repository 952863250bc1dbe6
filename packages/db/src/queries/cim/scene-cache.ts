import { buildModel, buildTileset, type CimLevel, type CimModel, type CommunityRegistry, type TilesetResult } from '@linli/cim';

/**
 * Built scene geometry per (tenant, registry version, level), kept in the web process's memory.
 * The registry version changes whenever any registry row changes, so an entry never goes stale:
 * a new version is simply a new key, and old keys age out (least recently used first). No table
 * is needed; a restart rebuilds on first use (geometry for 10,000 households takes well under a
 * second, see bench/cim-render.ts).
 */
interface Entry {
  tenantId: string;
  model: CimModel;
  tileset?: TilesetResult;
  bytes: number;
}

const MAX_ENTRIES = 24;
const MAX_BYTES = 384 * 1024 * 1024;
const entries = new Map<string, Entry>();
let totalBytes = 0;

const keyOf = (tenantId: string, version: string, level: CimLevel) => `${tenantId}|${version}|${level}`;

function touch(key: string, e: Entry) {
  entries.delete(key);
  entries.set(key, e);
}

function evict() {
  for (const [key, e] of entries) {
    if (entries.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break;
    entries.delete(key);
    totalBytes -= e.bytes;
  }
}

function entryFor(tenantId: string, registry: CommunityRegistry, level: CimLevel): Entry {
  const key = keyOf(tenantId, registry.version, level);
  const hit = entries.get(key);
  if (hit) {
    touch(key, hit);
    return hit;
  }
  const model = buildModel({ level, community: registry.community, buildings: registry.buildings, households: registry.households });
  const e: Entry = { tenantId, model, bytes: 0 };
  entries.set(key, e);
  evict();
  return e;
}

/** The CIM model of a registry at a level, built once per registry version. */
export function cachedModel(tenantId: string, registry: CommunityRegistry, level: CimLevel): CimModel {
  return entryFor(tenantId, registry, level).model;
}

/** The 3D Tiles 1.1 tileset of the model (feature ids = address codes), built once per version. */
export function cachedTileset(tenantId: string, registry: CommunityRegistry, level: CimLevel): TilesetResult {
  const e = entryFor(tenantId, registry, level);
  if (!e.tileset) {
    e.tileset = buildTileset(e.model, { tilesetVersion: registry.version, maxFeaturesPerTile: 2500 });
    let bytes = 0;
    for (const f of e.tileset.files.values()) bytes += f.byteLength;
    e.bytes = bytes;
    totalBytes += bytes;
    evict();
  }
  return e.tileset;
}

/**
 * A content file by its (content-hash) name, from any cached tileset of the tenant. Names are
 * hashes of the bytes, so whichever version holds it, the bytes are the same.
 */
export function cachedContent(tenantId: string, uri: string): Uint8Array | null {
  for (const e of entries.values()) {
    if (e.tenantId !== tenantId || !e.tileset) continue;
    const f = e.tileset.files.get(uri);
    if (f) return f;
  }
  return null;
}

/** Tests and benchmarks: start cold. */
export function clearSceneCache() {
  entries.clear();
  districtEntries.clear();
  totalBytes = 0;
}

/** District white models (CIM2 of every community, one tileset), keyed by district + versions. */
const districtEntries = new Map<string, { districtId: string; tileset: TilesetResult }>();
const MAX_DISTRICT_ENTRIES = 8;

export function cachedDistrictTileset(districtId: string, versionKey: string, build: () => TilesetResult): TilesetResult {
  const key = `${districtId}|${versionKey}`;
  const hit = districtEntries.get(key);
  if (hit) {
    districtEntries.delete(key);
    districtEntries.set(key, hit);
    return hit.tileset;
  }
  const tileset = build();
  districtEntries.set(key, { districtId, tileset });
  for (const k of districtEntries.keys()) {
    if (districtEntries.size <= MAX_DISTRICT_ENTRIES) break;
    districtEntries.delete(k);
  }
  return tileset;
}

export function peekDistrictTileset(districtId: string, versionKey: string): TilesetResult | null {
  return districtEntries.get(`${districtId}|${versionKey}`)?.tileset ?? null;
}

/** The tileset of (tenant, version, level) if it is already built. */
export function peekTileset(tenantId: string, version: string, level: CimLevel): TilesetResult | null {
  const key = keyOf(tenantId, version, level);
  const e = entries.get(key);
  if (!e?.tileset) return null;
  touch(key, e);
  return e.tileset;
}

export function cachedDistrictContent(districtId: string, uri: string): Uint8Array | null {
  for (const e of districtEntries.values()) {
    if (e.districtId !== districtId) continue;
    const f = e.tileset.files.get(uri);
    if (f) return f;
  }
  return null;
}
