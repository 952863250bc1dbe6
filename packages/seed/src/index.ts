export { seedReferenceData, seedDemoDevices, assertDemoAllowed, type SeedOptions, type SeedSummary, type TenantSeedSummary, type DemoAccount } from './load';
export { loadReferenceData, SeedDataError, type ReferenceData, type TenantRef, type BuildingRef, type DeviceGroupRef, type PlatformRef, type UserRef } from './reference';
export { expandHouseholds, roomNumber, type PlannedHousehold } from './households';
export { PeopleGenerator, localRegionCodes, fakeMobile, type Person } from './people';
export { createRng, hashString, type Rng } from './prng';
export { planDevices, seedTenantDevices, demoDeviceSecret, DEVICE_CODE_PREFIX, type PlannedDevice } from './devices';
export { readFieldSeed, seedTenantField } from './field';
