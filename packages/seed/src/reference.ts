import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ACCESS_LEVELS, ORG_KINDS, PLANS, ROLES, type AccessLevel, type OrgKind, type Plan, type Role } from '@linli/db';
import { deviceKind } from '@linli/iot';

/** The JSON format of tenants/ (see tenants/README.md). */
export interface DistrictRef {
  code: string;
  nameZh: string;
  nameEn: string;
  city: string;
}

export interface OrganizationRef {
  key: string;
  kind: OrgKind;
  nameZh: string;
  nameEn: string;
  district?: string;
}

export interface GrantRef {
  org: string;
  tenant: string;
  level: AccessLevel;
}

export interface MembershipRef {
  org: string;
  role: Role;
  tenant?: string;
}

export interface ResidentLinkRef {
  building: string;
  unit: number;
  room: string;
}

export interface UserRef {
  username: string;
  displayName: string;
  phone: string;
  memberships: MembershipRef[];
  resident?: ResidentLinkRef;
}

export interface PlatformRef {
  districts: DistrictRef[];
  organizations: OrganizationRef[];
  grants: GrantRef[];
  users: UserRef[];
}

export interface BuildingRef {
  code: string;
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  units: number;
  roomsPerFloorPerUnit: number;
  use: string;
}

/** A group of demo devices: `count` in the grounds or `perBuilding` in every building. */
export interface DeviceGroupRef {
  kind: string;
  count?: number;
  perBuilding?: number;
  /** Linkage group (fire_lane, roads, gate, …). */
  zone?: string;
  /** With `count`: put them all in this building. */
  building?: string;
}

export interface TenantRef {
  slug: string;
  nameZh: string;
  nameEn: string;
  district: string;
  address: string;
  lng: number;
  lat: number;
  plan: Plan;
  maxBuildings: number;
  maxDevices: number;
  maxUsers: number;
  subscriptionEndsAt: string | null;
  buildings: BuildingRef[];
  occupancy: number;
  residentsPerHousehold: number;
  /** Demo devices (seeded only on local installs, see devices.ts). */
  devices: DeviceGroupRef[];
}

export interface ReferenceData {
  platform: PlatformRef;
  tenants: TenantRef[];
}

export class SeedDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid seed reference data:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SeedDataError';
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;

/** Reads one JSON object's fields, recording problems as "file: path.field …" instead of throwing. */
class Reader {
  private readonly seen = new Set<string>();

  constructor(
    private readonly problems: string[],
    readonly file: string,
    readonly path: string,
    private readonly obj: Json,
  ) {}

  static root(problems: string[], file: string, value: unknown): Reader | null {
    if (!isObject(value)) {
      problems.push(`${file}: must contain a JSON object`);
      return null;
    }
    return new Reader(problems, file, '', value);
  }

  private where(field: string): string {
    return `${this.file}: ${this.path ? `${this.path}.` : ''}${field}`;
  }

  problem(field: string, message: string): void {
    this.problems.push(`${this.where(field)} ${message}`);
  }

  private get(field: string): unknown {
    this.seen.add(field);
    return this.obj[field];
  }

  has(field: string): boolean {
    return this.obj[field] !== undefined;
  }

  str(field: string, pattern?: RegExp, hint?: string): string {
    const v = this.get(field);
    if (typeof v !== 'string' || v.trim() === '') {
      this.problem(field, `must be a non-empty string (got ${show(v)})`);
      return '';
    }
    if (pattern && !pattern.test(v)) this.problem(field, `must match ${hint ?? pattern} (got ${show(v)})`);
    return v;
  }

  optStr(field: string, pattern?: RegExp, hint?: string): string | undefined {
    return this.has(field) ? this.str(field, pattern, hint) : (this.get(field), undefined);
  }

  num(field: string, min: number, max: number, integer = false): number {
    const v = this.get(field);
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      this.problem(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got ${show(v)})`);
      return min;
    }
    return v;
  }

  int(field: string, min: number, max: number): number {
    return this.num(field, min, max, true);
  }

  oneOf<T extends string>(field: string, values: readonly T[]): T {
    const v = this.get(field);
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.problem(field, `must be one of ${values.join(', ')} (got ${show(v)})`);
      return values[0] as T;
    }
    return v as T;
  }

  list(field: string, { min = 0 } = {}): Reader[] {
    const v = this.get(field);
    if (!Array.isArray(v)) {
      this.problem(field, `must be an array (got ${show(v)})`);
      return [];
    }
    if (v.length < min) this.problem(field, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
    const out: Reader[] = [];
    v.forEach((item, i) => {
      const path = `${this.path ? `${this.path}.` : ''}${field}[${i}]`;
      if (isObject(item)) out.push(new Reader(this.problems, this.file, path, item));
      else this.problems.push(`${this.file}: ${path} must be an object (got ${show(item)})`);
    });
    return out;
  }

  object(field: string): Reader | undefined {
    const v = this.get(field);
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      this.problem(field, `must be an object (got ${show(v)})`);
      return undefined;
    }
    return new Reader(this.problems, this.file, `${this.path ? `${this.path}.` : ''}${field}`, v);
  }

  /** Unknown fields are usually typos ("floorAbove"); report them rather than ignore them. */
  done(): void {
    for (const key of Object.keys(this.obj)) {
      if (!this.seen.has(key)) this.problem(key, 'is not a known field');
    }
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function readJson(problems: string[], path: string, label: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push(`${label}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

function dupes(problems: string[], file: string, what: string, values: string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) problems.push(`${file}: duplicate ${what} ${JSON.stringify(v)}`);
    seen.add(v);
  }
}

function readPlatform(problems: string[], file: string, value: unknown): PlatformRef {
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

function readTenant(problems: string[], file: string, folder: string, value: unknown): TenantRef | null {
  const r = Reader.root(problems, file, value);
  if (!r) return null;
  const buildings = r.list('buildings', { min: 1 }).map((b): BuildingRef => {
    const out = {
      code: b.str('code', CODE, 'letters and digits, e.g. B01'),
      name: b.str('name'),
      floorsAbove: b.int('floorsAbove', 1, 120),
      floorsBelow: b.int('floorsBelow', 0, 10),
      units: b.int('units', 1, 20),
      roomsPerFloorPerUnit: b.int('roomsPerFloorPerUnit', 1, 99),
      use: b.str('use', /^[a-z_]+$/, 'residential, commercial, ...'),
    };
    b.done();
    return out;
  });
  const subscriptionEndsAt = r.optStr('subscriptionEndsAt', DATE, 'YYYY-MM-DD') ?? null;
  const devices = r.has('devices') ? r.list('devices').map((d) => readDeviceGroup(d, buildings)) : [];
  const t: TenantRef = {
    slug: r.str('slug', SLUG, 'lower-case-slug'),
    nameZh: r.str('nameZh'),
    nameEn: r.str('nameEn'),
    district: r.str('district'),
    address: r.str('address'),
    lng: r.num('lng', 73, 136),
    lat: r.num('lat', 3, 54),
    plan: r.oneOf('plan', PLANS),
    maxBuildings: r.int('maxBuildings', 1, 10_000),
    maxDevices: r.int('maxDevices', 0, 1_000_000),
    maxUsers: r.int('maxUsers', 1, 100_000),
    subscriptionEndsAt,
    buildings,
    occupancy: r.num('occupancy', 0, 1),
    residentsPerHousehold: r.num('residentsPerHousehold', 1, 5),
    devices,
  };
  r.done();
  if (t.slug && t.slug !== folder) r.problem('slug', `must equal its folder name ${JSON.stringify(folder)} (got ${JSON.stringify(t.slug)})`);
  if (buildings.length > t.maxBuildings) r.problem('buildings', `has ${buildings.length} entries, more than maxBuildings (${t.maxBuildings})`);
  dupes(problems, file, 'building code', buildings.map((b) => b.code));
  return t;
}

function readDeviceGroup(d: Reader, buildings: BuildingRef[]): DeviceGroupRef {
  const kind = d.str('kind');
  if (kind && !deviceKind(kind)) d.problem('kind', `is not a device kind of the catalog (got ${show(kind)})`);
  const out: DeviceGroupRef = { kind };
  if (d.has('count')) out.count = d.int('count', 1, 1000);
  if (d.has('perBuilding')) out.perBuilding = d.int('perBuilding', 1, 20);
  if ((out.count === undefined) === (out.perBuilding === undefined)) d.problem('count', 'or perBuilding must be given (exactly one of them)');
  const zone = d.optStr('zone', /^[a-z][a-z0-9_]*$/, 'lower_case, e.g. fire_lane');
  if (zone) out.zone = zone;
  const building = d.optStr('building');
  if (building) {
    out.building = building;
    if (out.perBuilding !== undefined) d.problem('building', 'goes with count, not perBuilding');
    if (!buildings.some((b) => b.code === building)) d.problem('building', `is not a building code of this tenant (got ${show(building)})`);
  }
  d.done();
  return out;
}

/** Cross-file references: districts, organization keys, tenant slugs, buildings and rooms. */
function checkReferences(problems: string[], platformFile: string, data: ReferenceData, tenantFiles: Map<string, string>): void {
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
