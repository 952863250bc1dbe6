import type { HOUSEHOLD_STATES } from '@linli/db';
import { createRng } from './prng';
import type { BuildingRef, TenantRef } from './reference';

export type HouseholdState = (typeof HOUSEHOLD_STATES)[number];

export interface PlannedHousehold {
  buildingCode: string;
  unit: number;
  floor: number;
  room: string;
  area: number;
  use: string;
  state: HouseholdState;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Room number as written on the door: floor then a two-digit index, e.g. floor 12 flat 3 → "1203". */
export function roomNumber(floor: number, index: number): string {
  return `${floor}${pad2(index)}`;
}

export function householdCount(b: BuildingRef): number {
  return b.units * b.floorsAbove * b.roomsPerFloorPerUnit;
}

/**
 * Expands the building register into households, deterministically per tenant. Flats with the
 * same index in a unit share a floor plan, so their area is drawn once per (unit, index).
 */
export function expandHouseholds(tenant: TenantRef): PlannedHousehold[] {
  const rng = createRng(`linli/households/${tenant.slug}`);
  const out: PlannedHousehold[] = [];
  for (const b of tenant.buildings) {
    const highRise = b.floorsAbove > 9;
    for (let unit = 1; unit <= b.units; unit++) {
      const areas = Array.from({ length: b.roomsPerFloorPerUnit }, () => {
        // Walk-ups are smaller (60–100 m²); high-rise flats 75–140 m².
        const [min, max] = highRise ? [75, 140] : [60, 100];
        return Math.round((min + rng.next() * (max - min)) * 10) / 10;
      });
      for (let floor = 1; floor <= b.floorsAbove; floor++) {
        for (let index = 1; index <= b.roomsPerFloorPerUnit; index++) {
          const lived = rng.chance(tenant.occupancy);
          const state: HouseholdState = lived ? 'occupied' : b.use === 'residential' && rng.chance(0.5) ? 'rented' : 'vacant';
          out.push({ buildingCode: b.code, unit, floor, room: roomNumber(floor, index), area: areas[index - 1] ?? 80, use: b.use, state });
        }
      }
    }
  }
  return out;
}
