export { seedReferenceData, assertDemoAllowed, type SeedOptions, type SeedSummary, type TenantSeedSummary, type DemoAccount } from './load';
export { loadReferenceData, SeedDataError, type ReferenceData, type TenantRef, type BuildingRef, type PlatformRef, type UserRef } from './reference';
export { expandHouseholds, roomNumber, type PlannedHousehold } from './households';
export { PeopleGenerator, localRegionCodes, fakeMobile, type Person } from './people';
export { createRng, hashString, type Rng } from './prng';
