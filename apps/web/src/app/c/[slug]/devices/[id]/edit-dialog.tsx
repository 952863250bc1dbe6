'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import { checkDeviceRow } from '@linli/iot/device-row';
import styles from '../../console.module.css';
import local from '../devices.module.css';
import { DevicePlaceFields } from '../place-fields';
import { useEscapeToClose } from '@/components/use-escape-to-close';

const FIELDS = ['name', 'buildingCode', 'floor', 'lng', 'lat', 'zone'] as const;
type EditField = (typeof FIELDS)[number];
type Form = Record<EditField, string>;

export interface EditableDevice {
  id: string;
  code: string;
  kind: string;
  name: string;
  buildingId: string | null;
  floor: number | null;
  lng: number | null;
  lat: number | null;
  zone: string | null;
}

const numText = (n: number | null) => (n == null ? '' : String(n));
const toInput = (f: Form) => ({
  name: f.name.trim(),
  buildingCode: f.buildingCode.trim() || null,
  floor: f.floor.trim() === '' ? null : Number(f.floor),
  lng: f.lng.trim() === '' ? null : Number(f.lng),
  lat: f.lat.trim() === '' ? null : Number(f.lat),
  zone: f.zone.trim() || null,
});

/** Edits a device's ledger entry; its code and kind identify it and cannot change. */
export function EditDeviceDialog({ tenant, device, kindName, onClose, onDone }: { tenant: string; device: EditableDevice; kindName: string; onClose: () => void; onDone: () => void }) {
  const t = useTranslations('devices.edit');
  const tr = useTranslations('devices.register');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const titleId = useId();
  // Every building of the community: the device stores a building id, the form speaks codes.
  const buildings = useQuery({
    queryKey: ['devices', 'editBuildings', tenant],
    queryFn: async () => {
      const all: Array<{ id: string; code: string; name: string }> = [];
      for (let page = 1; page <= 50; page++) {
        const r = await client.tenant.buildings.query({ tenant, page, pageSize: 100 });
        all.push(...r.items.map((b) => ({ id: b.id, code: b.code, name: b.name })));
        if (r.items.length < 100 || all.length >= r.total) break;
      }
      return all;
    },
  });
  const codes = useMemo(() => (buildings.data ? new Set(buildings.data.map((b) => b.code)) : undefined), [buildings.data]);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<EditField, string>>>({});

  useEffect(() => {
    if (form || (device.buildingId && !buildings.data)) return;
    const code = device.buildingId ? (buildings.data?.find((b) => b.id === device.buildingId)?.code ?? '') : '';
    setForm({ name: device.name, buildingCode: code, floor: numText(device.floor), lng: numText(device.lng), lat: numText(device.lat), zone: device.zone ?? '' });
  }, [form, device, buildings.data]);

  const update = useMutation(
    trpc.devices.update.mutationOptions({
      onSuccess: () => onDone(),
      onError: (e) => setErrors(Object.fromEntries(Object.entries(fieldErrorsOf(e, locale)).filter(([k]) => (FIELDS as readonly string[]).includes(k)))),
    }),
  );
  const saving = update.isPending;
  const serverFieldErrors = update.error ? Object.keys(fieldErrorsOf(update.error, locale)).filter((k) => (FIELDS as readonly string[]).includes(k)).length : 0;

  useEscapeToClose(onClose, saving);

  // The register dialog's rules (@linli/iot/device-row), with the community's buildings known.
  const check = (f: Form) => {
    const out: Partial<Record<EditField, string>> = {};
    for (const p of checkDeviceRow({ ...toInput(f), code: device.code, kind: device.kind }, { buildingCodes: codes })) {
      if ((FIELDS as readonly string[]).includes(p.field)) out[p.field as EditField] ??= locale === 'en' ? p.message.en : p.message.zh;
    }
    for (const k of ['floor', 'lng', 'lat'] as const) if (f[k].trim() !== '' && !Number.isFinite(Number(f[k]))) out[k] = tr('numberInvalid');
    return out;
  };
  const set = (k: EditField) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setForm((f) => (f ? { ...f, [k]: value } : f));
    setErrors(({ [k]: _dropped, ...rest }) => rest);
  };
  const blur = (k: EditField) => () => {
    if (!form || form[k].trim() === '') return;
    const e = check(form)[k];
    if (e) setErrors((prev) => ({ ...prev, [k]: e }));
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const found = check(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    update.mutate({ tenant, deviceId: device.id, device: toInput(form) });
  }

  const input = (k: EditField, props: Record<string, unknown> = {}) =>
    form && (
      <Field label={tr(`fields.${k}`)} htmlFor={`e-${k}`} error={errors[k]} hint={tr.has(`hints.${k}`) ? tr(`hints.${k}`) : undefined}>
        <input id={`e-${k}`} value={form[k]} onChange={set(k)} onBlur={blur(k)} aria-invalid={!!errors[k]} {...props} />
      </Field>
    );

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !saving && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="edit-dialog">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{t('title')}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={saving} aria-label={tc('cancel')}>
            ✕
          </button>
        </div>
        <dl className={styles.facts} style={{ marginBottom: 12 }}>
          <dt>{tr('fields.code')}</dt>
          <dd className={styles.mono}>{device.code}</dd>
          <dt>{tr('fields.kind')}</dt>
          <dd>{kindName}</dd>
        </dl>
        <p className={local.small} style={{ marginTop: 0 }}>
          {t('fixedHint')}
        </p>
        {buildings.error && (
          <Notice>
            {errorText(buildings.error, locale)}{' '}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => buildings.refetch()}>
              {tc('retry')}
            </button>
          </Notice>
        )}
        {update.error && !serverFieldErrors && <Notice>{errorText(update.error, locale)}</Notice>}
        {update.error && serverFieldErrors > 0 && <Notice>{tr('fixFields')}</Notice>}
        {!form ? (
          !buildings.error && <p className="subtitle">{tc('loading')}</p>
        ) : (
          <form onSubmit={submit} noValidate>
            <div className="form-grid">
              <div className={styles.full}>{input('name', { maxLength: 80, autoFocus: true })}</div>
              <DevicePlaceFields field={input} listId="e-buildings" buildings={buildings.data} />
            </div>
            <div className={styles.dialogFoot}>
              <button type="button" className="btn btn-ghost" onClick={onClose} disabled={saving}>
                {tc('cancel')}
              </button>
              <button type="submit" className="btn" disabled={saving} data-testid="edit-save">
                {saving ? t('saving') : tc('save')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
