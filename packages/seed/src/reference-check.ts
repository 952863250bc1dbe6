import type { ReferenceData, UserRef } from './reference-types';

/** Cross-file references: districts, organization keys, tenant slugs, buildings and rooms. */
export function checkReferences(problems: string[], platformFile: string, data: ReferenceData, tenantFiles: Map<string, string>): void {
  const { platform, tenants } = data;
  const districtCodes = new Set(platform.districts.map((d) => d.code));
  const orgs = new Map(platform.organizations.map((o) => [o.key, o]));
  const bySlug = new Map(tenants.map((t) => [t.slug, t]));
  for (const t of tenants) {
    if (!districtCodes.has(t.district)) {
      problems.push(`${tenantFiles.get(t.slug)}: district ${JSON.stringify(t.district)} is not a district code in ${platformFile}`);
    }
  }
  platform.organizations.forEach((o, i) => {
    if (o.district && !districtCodes.has(o.district)) problems.push(`${platformFile}: organizations[${i}].district ${JSON.stringify(o.district)} is not a district code`);
  });
  const granted = new Set<string>();
  platform.grants.forEach((g, i) => {
    if (!orgs.has(g.org)) problems.push(`${platformFile}: grants[${i}].org ${JSON.stringify(g.org)} is not an organization key`);
    if (!bySlug.has(g.tenant)) problems.push(`${platformFile}: grants[${i}].tenant ${JSON.stringify(g.tenant)} has no folder tenants/${g.tenant}/tenant.json`);
    granted.add(`${g.org} ${g.tenant}`);
  });
  platform.users.forEach((u, i) => {
    u.memberships.forEach((m, j) => {
      const at = `${platformFile}: users[${i}].memberships[${j}]`;
      if (!orgs.has(m.org)) problems.push(`${at}.org ${JSON.stringify(m.org)} is not an organization key`);
      if (m.tenant !== undefined) {
        if (!bySlug.has(m.tenant)) problems.push(`${at}.tenant ${JSON.stringify(m.tenant)} is not a tenant slug`);
        else if (!granted.has(`${m.org} ${m.tenant}`)) problems.push(`${at}.tenant ${JSON.stringify(m.tenant)} is not granted to ${m.org}`);
      }
    });
    if (!u.resident) return;
    const at = `${platformFile}: users[${i}].resident`;
    const slug = residentTenant(u);
    const tenant = slug ? bySlug.get(slug) : undefined;
    if (!tenant) {
      problems.push(`${at} needs a membership with a "tenant" naming the community it lives in`);
      return;
    }
    const b = tenant.buildings.find((x) => x.code === u.resident?.building);
    if (!b) {
      problems.push(`${at}.building ${JSON.stringify(u.resident.building)} is not a building of ${slug}`);
      return;
    }
    if (u.resident.unit > b.units) problems.push(`${at}.unit ${u.resident.unit} exceeds ${b.code}'s ${b.units} units`);
    const floor = Number(u.resident.room.slice(0, -2));
    const index = Number(u.resident.room.slice(-2));
    if (floor < 1 || floor > b.floorsAbove || index < 1 || index > b.roomsPerFloorPerUnit) {
      problems.push(`${at}.room ${JSON.stringify(u.resident.room)} does not exist in ${b.code} (${b.floorsAbove} floors, ${b.roomsPerFloorPerUnit} rooms per floor)`);
    }
  });
}

/** The tenant a user with a resident link lives in: their resident membership's tenant. */
export function residentTenant(u: UserRef): string | undefined {
  return (u.memberships.find((m) => m.role === 'resident' && m.tenant) ?? u.memberships.find((m) => m.tenant))?.tenant;
}
