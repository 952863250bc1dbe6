import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeBuildingCode, type LngLat } from '@linli/cim';
import { parseImportFiles, type ImportFileInput, type ImportRole } from '@linli/cim/import/files';
import type { ParsedImport } from '@linli/cim/import/index';

/** The registry files of a reference tenant, in the formats the console import accepts. */
const FILES: [string, ImportRole][] = [
  ['buildings.csv', 'buildings'],
  ['households.csv', 'households'],
  ['footprints.geojson', 'footprints'],
  ['site.geojson', 'site'],
];

export function registryFiles(tenantsDir: string, slug: string): ImportFileInput[] | null {
  const dir = join(tenantsDir, slug, 'registry');
  if (!existsSync(dir)) return null;
  return FILES.filter(([name]) => existsSync(join(dir, name))).map(([name, role]) => ({ role, name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

/** Where the demo devices go: inside footprints, along roads and the boundary. */
export interface SiteGeometryRef {
  footprints: Map<string, LngLat[]>;
  roads: LngLat[][];
  boundary: LngLat[];
}

export function siteGeometryOf(parsed: ParsedImport): SiteGeometryRef | null {
  if (!parsed.footprints || parsed.footprints.footprints.size === 0) return null;
  const footprints = new Map<string, LngLat[]>();
  for (const [code, f] of parsed.footprints.footprints) footprints.set(code, f.ring);
  return { footprints, roads: parsed.site?.roads.map((r) => r.centerline) ?? [], boundary: parsed.site?.boundary ?? [] };
}

export async function readRegistry(tenantsDir: string, slug: string): Promise<{ files: ImportFileInput[]; parsed: ParsedImport } | null> {
  const files = registryFiles(tenantsDir, slug);
  if (files === null) return null;
  return { files, parsed: await parseImportFiles(files) };
}

export const footprintOf = (geo: SiteGeometryRef | null | undefined, code: string): LngLat[] | undefined => geo?.footprints.get(normalizeBuildingCode(code) ?? code);
