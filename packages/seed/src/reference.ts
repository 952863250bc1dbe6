import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readJson } from './json-reader';
import { readPlatform } from './read-platform';
import { readTenant } from './read-tenant';
import { checkReferences } from './reference-check';
import type { ReferenceData, TenantRef } from './reference-types';

export type {
  BuildingRef,
  DeviceGroupRef,
  DistrictRef,
  GrantRef,
  MembershipRef,
  OrganizationRef,
  PlatformRef,
  ReferenceData,
  ResidentLinkRef,
  TenantRef,
  UserRef,
} from './reference-types';
export { residentTenant } from './reference-check';

export class SeedDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid seed reference data:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SeedDataError';
  }
}

/** Reads and validates tenants/platform.json and every tenants/<slug>/tenant.json. */
export function loadReferenceData(tenantsDir: string): ReferenceData {
  const problems: string[] = [];
  const label = (p: string) => relative(process.cwd(), p) || p;
  const platformPath = join(tenantsDir, 'platform.json');
  const platformFile = label(platformPath);
  if (!existsSync(platformPath)) throw new SeedDataError([`${platformFile}: file not found`]);
  const platform = readPlatform(problems, platformFile, readJson(problems, platformPath, platformFile));
  const tenants: TenantRef[] = [];
  const tenantFiles = new Map<string, string>();
  const folders = readdirSync(tenantsDir)
    .filter((name) => statSync(join(tenantsDir, name)).isDirectory() && !name.startsWith('.'))
    .sort();
  for (const folder of folders) {
    const path = join(tenantsDir, folder, 'tenant.json');
    const file = label(path);
    if (!existsSync(path)) {
      problems.push(`${file}: file not found (every folder in ${label(tenantsDir)} is a tenant)`);
      continue;
    }
    const t = readTenant(problems, file, folder, readJson(problems, path, file));
    if (t) {
      tenants.push(t);
      tenantFiles.set(t.slug, file);
    }
  }
  if (tenants.length === 0 && problems.length === 0) problems.push(`${label(tenantsDir)}: no tenant folders found`);
  const data = { platform, tenants };
  if (problems.length === 0) checkReferences(problems, platformFile, data, tenantFiles);
  if (problems.length > 0) throw new SeedDataError(problems);
  return data;
}
