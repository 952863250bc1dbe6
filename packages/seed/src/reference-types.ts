import type { AccessLevel, OrgKind, Plan, Role } from '@linli/db';

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
