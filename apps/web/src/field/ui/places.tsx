'use client';
import { useTranslations } from 'next-intl';
import type { PlaceDoc } from '@linli/sync';
import { plain, useRx } from './context';

export interface PlacePick {
  buildingId?: string;
  unitId?: string;
  householdId?: string;
}

/** Building → unit → household, from the community's places on the device (works offline). */
export function PlacePicker({ value, onChange, needHousehold = false }: { value: PlacePick; onChange: (v: PlacePick) => void; needHousehold?: boolean }) {
  const t = useTranslations('field.places');
  const buildings = plain(useRx((db) => db.places.find({ selector: { kind: 'building' }, sort: [{ id: 'asc' }] }).$, [], [])) as PlaceDoc[];
  const units = plain(useRx((db) => db.places.find({ selector: { kind: 'unit', parentId: value.buildingId ?? '-' } }).$, [value.buildingId], [])) as PlaceDoc[];
  const households = plain(useRx((db) => db.places.find({ selector: { kind: 'household', parentId: value.unitId ?? '-' } }).$, [value.unitId], [])) as PlaceDoc[];
  const byName = (a: PlaceDoc, b: PlaceDoc) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true });
  if (buildings.length === 0) return <p className="field-hint">{t('none')}</p>;
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor="pick-building">{t('building')}</label>
        <select id="pick-building" data-testid="pick-building" value={value.buildingId ?? ''} onChange={(e) => onChange({ buildingId: e.target.value || undefined })}>
          <option value="">{t('choose')}</option>
          {buildings.sort(byName).map((b) => (
            <option key={b.id} value={b.id}>{b.name}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="pick-unit">{t('unit')}</label>
        <select id="pick-unit" data-testid="pick-unit" value={value.unitId ?? ''} disabled={!value.buildingId} onChange={(e) => onChange({ buildingId: value.buildingId, unitId: e.target.value || undefined })}>
          <option value="">{t('choose')}</option>
          {units.sort(byName).map((u) => (
            <option key={u.id} value={u.id}>{u.name}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="pick-household">{needHousehold ? t('household') : t('householdOptional')}</label>
        <select id="pick-household" data-testid="pick-household" value={value.householdId ?? ''} disabled={!value.unitId} onChange={(e) => onChange({ ...value, householdId: e.target.value || undefined })}>
          <option value="">{t('choose')}</option>
          {households.sort(byName).map((h) => (
            <option key={h.id} value={h.id}>{h.name}{h.addressCode ? ` · ${h.addressCode}` : ''}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A place's name from the device, for lists. */
export function usePlaceNames(ids: readonly (string | undefined)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const docs = plain(useRx((db) => db.places.find({ selector: { id: { $in: wanted } } }).$, [wanted.join(',')], [])) as PlaceDoc[];
  // A room number alone ("301") is ambiguous across buildings: households carry their address code.
  return new Map(docs.map((d) => [d.id, d.kind === 'household' && d.addressCode ? `${d.name}（${d.addressCode}）` : d.name]));
}
