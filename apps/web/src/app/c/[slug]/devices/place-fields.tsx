'use client';
import type { ReactNode } from 'react';

export type PlaceField = 'buildingCode' | 'floor' | 'lng' | 'lat' | 'zone';

/**
 * Where a device is: the same fields and limits (China's extent, floors −5…200) when it is
 * registered and when it is edited, with the community's buildings offered by code.
 */
export function DevicePlaceFields({
  field,
  listId,
  buildings,
}: {
  field: (k: PlaceField, props: Record<string, unknown>) => ReactNode;
  listId: string;
  buildings: Array<{ id: string; code: string; name: string }> | undefined;
}) {
  return (
    <>
      {field('buildingCode', { maxLength: 20, list: listId })}
      {field('floor', { type: 'number', inputMode: 'numeric', step: 1, min: -5, max: 200 })}
      {field('lng', { type: 'number', inputMode: 'decimal', step: 'any', min: 73, max: 136 })}
      {field('lat', { type: 'number', inputMode: 'decimal', step: 'any', min: 3, max: 54 })}
      {field('zone', { maxLength: 40 })}
      <datalist id={listId}>
        {buildings?.map((b) => (
          <option key={b.id} value={b.code}>
            {b.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
