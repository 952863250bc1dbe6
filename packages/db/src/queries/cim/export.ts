import { buildingsToGeoJSON, devicesToGeoJSON, siteToGeoJSON, toCityJSON, zipStore } from '@linli/cim';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { loadCommunityRegistry } from './registry';
import { cachedModel, cachedTileset } from './scene-cache';
import { sceneDevices } from './scene-devices';
import { sceneLevel } from './scene-model';

export const CIM_EXPORT_FORMATS = ['cityjson', 'buildings-geojson', 'facilities-geojson', 'devices-geojson', '3dtiles-zip'] as const;
export type CimExportFormat = (typeof CIM_EXPORT_FORMATS)[number];

export interface CimExport {
  filename: string;
  contentType: string;
  body: Uint8Array;
  /** Objects written (buildings, features, files), for the audit row and the UI. */
  count: number;
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/**
 * Community CIM data in exchange formats (R6.2.1; R4.4 report of the static model to the city
 * platform): CityJSON 2.0 LoD1 (buildings with units, storeys and households as parts carrying
 * address codes), GeoJSON (buildings, site facilities, devices) and 3D Tiles 1.1 (zip).
 * Every export is a data export: audited in the same transaction with what left and how much.
 */
export async function exportCim(tx: Executor, params: { tenantId: string; format: CimExportFormat; level?: number; actor: AuditActor }): Promise<CimExport> {
  const registry = await loadCommunityRegistry(tx, params.tenantId);
  const code = registry.community.code;
  const stamp = registry.version.slice(0, 12).replace(/[^0-9A-Za-z_.-]/g, '');
  let out: CimExport;
  switch (params.format) {
    case 'cityjson': {
      const model = cachedModel(params.tenantId, registry, registry.maxLevel);
      const doc = toCityJSON(model, { title: registry.community.name, referenceDate: new Date().toISOString().slice(0, 10) });
      out = { filename: `${code}-${stamp}.city.json`, contentType: 'application/city+json', body: json(doc), count: Object.keys(doc.CityObjects).length };
      break;
    }
    case 'buildings-geojson': {
      const fc = buildingsToGeoJSON(cachedModel(params.tenantId, registry, registry.maxLevel));
      out = { filename: `${code}-${stamp}-buildings.geojson`, contentType: 'application/geo+json', body: json(fc), count: fc.features.length };
      break;
    }
    case 'facilities-geojson': {
      const fc = siteToGeoJSON(registry.site, registry.community);
      out = { filename: `${code}-${stamp}-facilities.geojson`, contentType: 'application/geo+json', body: json(fc), count: fc.features.length };
      break;
    }
    case 'devices-geojson': {
      const fc = devicesToGeoJSON(await sceneDevices(tx));
      out = { filename: `${code}-${stamp}-devices.geojson`, contentType: 'application/geo+json', body: json(fc), count: fc.features.length };
      break;
    }
    case '3dtiles-zip': {
      const level = sceneLevel(registry, params.level);
      if (level < 2) throw new AppError('BAD_REQUEST', msg('CIM1 没有三维模型，请选择 CIM2 或更高层级', 'CIM1 has no 3D model: choose CIM2 or finer'));
      const t = cachedTileset(params.tenantId, registry, level);
      const entries = [{ name: 'tileset.json', data: json(t.tileset) }, ...[...t.files].map(([name, data]) => ({ name, data }))];
      out = { filename: `${code}-${stamp}-cim${level}-3dtiles.zip`, contentType: 'application/zip', body: zipStore(entries), count: t.files.size };
      break;
    }
  }
  await appendAudit(tx, params.actor, {
    action: 'cim.export',
    tenantId: params.tenantId,
    targetType: 'cim',
    targetId: params.format,
    summary: `${params.format}: ${out.count} object(s), ${out.body.byteLength} bytes, registry version ${registry.version}`,
  });
  return out;
}
