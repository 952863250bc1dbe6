import { ACCESS_LEVELS, ORG_KINDS, ROLES } from '@linli/db';
import { MOBILE, Reader, SLUG, USERNAME, dupes } from './json-reader';
import type { DistrictRef, GrantRef, MembershipRef, OrganizationRef, PlatformRef, ResidentLinkRef, UserRef } from './reference-types';

export function readPlatform(problems: string[], file: string, value: unknown): PlatformRef {
  const r = Reader.root(problems, file, value);
  const empty: PlatformRef = { districts: [], organizations: [], grants: [], users: [] };
  if (!r) return empty;
  const districts = r.list('districts', { min: 1 }).map((d): DistrictRef => {
    const out = { code: d.str('code', SLUG, 'lower-case-slug'), nameZh: d.str('nameZh'), nameEn: d.str('nameEn'), city: d.str('city') };
    d.done();
    return out;
  });
  const organizations = r.list('organizations', { min: 1 }).map((o): OrganizationRef => {
    const out: OrganizationRef = {
      key: o.str('key', SLUG, 'lower-case-slug'),
      kind: o.oneOf('kind', ORG_KINDS),
      nameZh: o.str('nameZh'),
      nameEn: o.str('nameEn'),
      district: o.optStr('district'),
    };
    if (out.kind === 'street_office' && !out.district) o.problem('district', 'is required for a street_office');
    o.done();
    return out;
  });
  const grants = r.list('grants').map((g): GrantRef => {
    const out = { org: g.str('org'), tenant: g.str('tenant'), level: g.oneOf('level', ACCESS_LEVELS) };
    g.done();
    return out;
  });
  const users = r.list('users').map((u): UserRef => {
    const memberships = u.list('memberships', { min: 1 }).map((m): MembershipRef => {
      const out: MembershipRef = { org: m.str('org'), role: m.oneOf('role', ROLES), tenant: m.optStr('tenant') };
      m.done();
      return out;
    });
    const link = u.object('resident');
    let resident: ResidentLinkRef | undefined;
    if (link) {
      resident = { building: link.str('building'), unit: link.int('unit', 1, 99), room: link.str('room', /^\d{3,4}$/, 'floor + 2-digit index, e.g. 1203') };
      link.done();
    }
    const out: UserRef = {
      username: u.str('username', USERNAME, 'lower-case letters, digits, ".", "_" or "-"'),
      displayName: u.str('displayName'),
      phone: u.str('phone', MOBILE, 'an 11-digit mobile number'),
      memberships,
      resident,
    };
    u.done();
    return out;
  });
  r.done();
  dupes(problems, file, 'district code', districts.map((d) => d.code));
  dupes(problems, file, 'organization key', organizations.map((o) => o.key));
  dupes(problems, file, 'organization (kind, nameZh)', organizations.map((o) => `${o.kind} ${o.nameZh}`));
  dupes(problems, file, 'grant', grants.map((g) => `${g.org} → ${g.tenant}`));
  dupes(problems, file, 'username', users.map((u) => u.username));
  return { districts, organizations, grants, users };
}
