'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { validateChineseIdNumber } from '@linli/security/id-number';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { CATEGORIES, type Category, type ResidentRow } from './types';
import { useEscapeToClose } from '@/components/use-escape-to-close';

const PHONE = /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;

const FIELDS = ['name', 'idNumber', 'phone', 'category', 'buildingId', 'householdId'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * Register or edit a resident. When editing without access to full personal data the name
 * and phone arrive masked: the fields start empty and an empty field keeps the stored value.
 */
export function ResidentDialog({ tenant, resident, onClose, onDone }: { tenant: string; resident: ResidentRow | null; onClose: () => void; onDone: (id: string) => void }) {
  const t = useTranslations('console.residents');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const titleId = useId();
  const editing = !!resident;
  const blind = !!resident?.masked;
  const [name, setName] = useState(resident && !blind ? resident.name : '');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState(resident && !blind ? (resident.phone ?? '') : '');
  const [category, setCategory] = useState<Category>(resident?.category ?? 'permanent');
  const [buildingId, setBuildingId] = useState(resident?.buildingId ?? '');
  const [householdId, setHouseholdId] = useState(resident?.householdId ?? '');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});

  const buildings = useQuery(trpc.tenant.buildings.queryOptions({ tenant, page: 1, pageSize: 100 }));
  const households = useQuery({ ...trpc.residents.households.queryOptions({ tenant, buildingId }), enabled: !!buildingId });

  const fieldErrors = (error: unknown) => {
    const out: Partial<Record<FieldName, string>> = {};
    for (const [k, v] of Object.entries(fieldErrorsOf(error, locale))) if ((FIELDS as readonly string[]).includes(k)) out[k as FieldName] = v;
    return out;
  };
  const onError = (error: unknown) => setErrors(fieldErrors(error));
  const create = useMutation(trpc.residents.create.mutationOptions({ onSuccess: (r) => onDone(r.id), onError }));
  const update = useMutation(trpc.residents.update.mutationOptions({ onSuccess: (r) => onDone(r.id), onError }));
  const saving = create.isPending || update.isPending;
  const serverError = create.error ?? update.error;
  const serverFieldErrors = serverError ? Object.keys(fieldErrors(serverError)).length : 0;

  useEscapeToClose(onClose, saving);

  function check(): Partial<Record<FieldName, string>> {
    const out: Partial<Record<FieldName, string>> = {};
    if (!blind && !name.trim()) out.name = t('form.nameRequired');
    if (name.trim().length > 50) out.name = t('form.nameTooLong');
    if (idNumber.trim()) {
      const v = validateChineseIdNumber(idNumber);
      if (!v.ok) out.idNumber = locale === 'en' ? v.reason.en : v.reason.zh;
    }
    if (phone.trim() && !PHONE.test(phone.trim())) out.phone = t('form.phoneInvalid');
    if (buildingId && !householdId) out.householdId = t('form.householdRequired');
    return out;
  }

  const setField = (field: FieldName) => setErrors(({ [field]: _dropped, ...rest }) => rest);

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    const base = {
      idNumber: idNumber.trim() ? idNumber.trim().toUpperCase() : null,
      category,
      householdId: buildingId && householdId ? householdId : null,
    };
    if (resident) {
      update.mutate({
        tenant,
        residentId: resident.id,
        resident: {
          ...base,
          // Blind edits: an empty field keeps what is stored.
          name: blind && !name.trim() ? undefined : name.trim(),
          phone: blind && !phone.trim() ? undefined : phone.trim(),
        },
      });
    } else {
      create.mutate({ tenant, resident: { ...base, name: name.trim(), phone: phone.trim() || null } });
    }
  }

  const householdOptions = households.data ?? [];
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !saving && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="resident-dialog">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{editing ? t('form.editTitle') : t('form.createTitle')}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={saving} aria-label={tc('cancel')}>
            ✕
          </button>
        </div>
        {serverError && !serverFieldErrors && <Notice>{errorText(serverError, locale)}</Notice>}
        {serverError && serverFieldErrors > 0 && <Notice>{t('form.fixFields')}</Notice>}
        {blind && <Notice kind="info">{t('form.blindNotice')}</Notice>}
        <form onSubmit={submit} noValidate>
          <div className="form-grid">
            <Field label={t('form.name')} htmlFor="r-name" error={errors.name} hint={blind ? t('form.keepHint', { current: resident?.name ?? '' }) : undefined}>
              <input
                id="r-name"
                autoFocus
                value={name}
                placeholder={blind ? resident?.name : undefined}
                maxLength={50}
                aria-invalid={!!errors.name}
                onChange={(e) => {
                  setName(e.target.value);
                  setField('name');
                }}
              />
            </Field>
            <Field label={t('form.category')} htmlFor="r-category" error={errors.category}>
              <select id="r-category" value={category} onChange={(e) => { setCategory(e.target.value as Category); setField('category'); }}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`categories.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label={t('form.idNumber')}
              htmlFor="r-id"
              error={errors.idNumber}
              hint={editing ? t('form.idKeepHint', { current: resident?.idNumber ?? t('form.none') }) : t('form.idHint')}
            >
              <input
                id="r-id"
                value={idNumber}
                inputMode="text"
                autoComplete="off"
                maxLength={18}
                aria-invalid={!!errors.idNumber}
                onChange={(e) => {
                  setIdNumber(e.target.value);
                  setField('idNumber');
                }}
                onBlur={() => {
                  if (idNumber.trim()) {
                    const v = validateChineseIdNumber(idNumber);
                    if (!v.ok) setErrors((prev) => ({ ...prev, idNumber: locale === 'en' ? v.reason.en : v.reason.zh }));
                  }
                }}
              />
            </Field>
            <Field
              label={t('form.phone')}
              htmlFor="r-phone"
              error={errors.phone}
              hint={blind ? t('form.keepHint', { current: resident?.phone ?? t('form.none') }) : t('form.phoneHint')}
            >
              <input
                id="r-phone"
                inputMode="tel"
                value={phone}
                maxLength={20}
                placeholder={blind ? (resident?.phone ?? undefined) : undefined}
                aria-invalid={!!errors.phone}
                onChange={(e) => {
                  setPhone(e.target.value);
                  setField('phone');
                }}
                onBlur={() => phone.trim() && !PHONE.test(phone.trim()) && setErrors((prev) => ({ ...prev, phone: t('form.phoneInvalid') }))}
              />
            </Field>
            <Field label={t('form.building')} htmlFor="r-building" error={errors.buildingId} hint={t('form.buildingHint')}>
              <select
                id="r-building"
                value={buildingId}
                disabled={buildings.isPending}
                onChange={(e) => {
                  setBuildingId(e.target.value);
                  setHouseholdId('');
                  setField('buildingId');
                  setField('householdId');
                }}
              >
                <option value="">{buildings.isPending ? tc('loading') : t('form.noBuilding')}</option>
                {buildings.data?.items.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.code} · {b.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('form.household')} htmlFor="r-household" error={errors.householdId}>
              <select
                id="r-household"
                value={householdId}
                disabled={!buildingId || households.isPending}
                aria-invalid={!!errors.householdId}
                onChange={(e) => {
                  setHouseholdId(e.target.value);
                  setField('householdId');
                }}
              >
                <option value="">{!buildingId ? t('form.pickBuildingFirst') : households.isPending ? tc('loading') : t('form.pickHousehold')}</option>
                {householdOptions.map((h) => (
                  <option key={h.id} value={h.id}>
                    {t('form.householdOption', { unit: h.unit, room: h.room, floor: h.floor })} · {t(`states.${h.state}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {(buildings.error || households.error) && <Notice>{errorText(buildings.error ?? households.error, locale)}</Notice>}
          <div className={styles.dialogFoot}>
            <button type="button" className="btn btn-ghost" onClick={onClose} disabled={saving}>
              {tc('cancel')}
            </button>
            <button type="submit" className="btn" disabled={saving} data-testid="resident-save">
              {saving ? t('form.saving') : editing ? tc('save') : t('form.create')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
