'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { checkDevice, IMPORT_HEADER, type DeviceInput, type ImportField } from './csv';
import { localName, type DeviceKind } from './lib';
import type { IssuedSecret } from './secrets-dialog';
import { DevicePlaceFields } from './place-fields';
import { useEscapeToClose } from '@/components/use-escape-to-close';

type Form = Record<ImportField, string>;
const EMPTY: Form = { code: '', kind: '', name: '', buildingCode: '', floor: '', lng: '', lat: '', zone: '' };

const toInput = (f: Form): DeviceInput => ({
  code: f.code.trim(),
  kind: f.kind,
  name: f.name.trim(),
  buildingCode: f.buildingCode.trim() || null,
  floor: f.floor.trim() === '' ? null : Number(f.floor),
  lng: f.lng.trim() === '' ? null : Number(f.lng),
  lat: f.lat.trim() === '' ? null : Number(f.lat),
  zone: f.zone.trim() || null,
});

/** Registers one device; the secret comes back once and is handed to the secrets dialog. */
export function RegisterDialog({ tenant, kinds, canBuildings, onClose, onDone }: { tenant: string; kinds: DeviceKind[]; canBuildings: boolean; onClose: () => void; onDone: (secrets: IssuedSecret[]) => void }) {
  const t = useTranslations('devices.register');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const titleId = useId();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<ImportField, string>>>({});
  const buildings = useQuery({ ...trpc.tenant.buildings.queryOptions({ tenant, page: 1, pageSize: 100 }), enabled: canBuildings });
  const provision = useMutation(
    trpc.devices.provision.mutationOptions({
      onSuccess: (r) => onDone(r),
      onError: (e) => setErrors(Object.fromEntries(Object.entries(fieldErrorsOf(e, locale)).filter(([k]) => (IMPORT_HEADER as readonly string[]).includes(k)))),
    }),
  );
  const saving = provision.isPending;
  const serverFieldErrors = provision.error ? Object.keys(fieldErrorsOf(provision.error, locale)).filter((k) => (IMPORT_HEADER as readonly string[]).includes(k)).length : 0;

  useEscapeToClose(onClose, saving);

  const check = (f: Form) => {
    const out: Partial<Record<ImportField, string>> = {};
    for (const p of checkDevice(toInput(f))) out[p.field] ??= locale === 'en' ? p.message.en : p.message.zh;
    if (!f.kind) out.kind = t('kindRequired');
    for (const k of ['floor', 'lng', 'lat'] as const) if (f[k].trim() !== '' && !Number.isFinite(Number(f[k]))) out[k] = t('numberInvalid');
    return out;
  };
  const set = (k: ImportField) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setForm((f) => ({ ...f, [k]: value }));
    setErrors(({ [k]: _dropped, ...rest }) => rest);
  };
  const blur = (k: ImportField) => () => {
    if (form[k].trim() === '') return;
    const e = check(form)[k];
    if (e) setErrors((prev) => ({ ...prev, [k]: e }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    provision.mutate({ tenant, rows: [toInput(form)] });
  }

  const families = [...new Set(kinds.map((k) => k.family))];
  const input = (k: ImportField, props: Record<string, unknown> = {}) => (
    <Field label={t(`fields.${k}`)} htmlFor={`d-${k}`} error={errors[k]} hint={t.has(`hints.${k}`) ? t(`hints.${k}`) : undefined}>
      <input id={`d-${k}`} value={form[k]} onChange={set(k)} onBlur={blur(k)} aria-invalid={!!errors[k]} {...props} />
    </Field>
  );

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !saving && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="register-dialog">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{t('title')}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={saving} aria-label={tc('cancel')}>
            ✕
          </button>
        </div>
        {provision.error && !serverFieldErrors && <Notice>{errorText(provision.error, locale)}</Notice>}
        {provision.error && serverFieldErrors > 0 && <Notice>{t('fixFields')}</Notice>}
        <form onSubmit={submit} noValidate>
          <div className="form-grid">
            <Field label={t('fields.kind')} htmlFor="d-kind" error={errors.kind}>
              <select id="d-kind" value={form.kind} onChange={set('kind')} aria-invalid={!!errors.kind} autoFocus>
                <option value="">{t('pickKind')}</option>
                {families.map((fam) => (
                  <optgroup key={fam} label={t.has(`families.${fam}`) ? t(`families.${fam}`) : fam}>
                    {kinds
                      .filter((k) => k.family === fam)
                      .map((k) => (
                        <option key={k.kind} value={k.kind}>
                          {localName(k, locale)}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </Field>
            {input('code', { maxLength: 48, autoComplete: 'off', spellCheck: false })}
            <div className={styles.full}>{input('name', { maxLength: 80 })}</div>
            <DevicePlaceFields field={input} listId="d-buildings" buildings={buildings.data?.items} />
          </div>
          <div className={styles.dialogFoot}>
            <button type="button" className="btn btn-ghost" onClick={onClose} disabled={saving}>
              {tc('cancel')}
            </button>
            <button type="submit" className="btn" disabled={saving} data-testid="register-save">
              {saving ? t('saving') : t('submit')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
