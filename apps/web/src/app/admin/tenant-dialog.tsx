'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { Dialog } from './_components/dialog';
import { nameOf, parseInteger } from './_components/format';
import type { District, TenantRow } from './_components/types';
import styles from './admin.module.css';

const SLUG = /^[a-z0-9][a-z0-9-]{1,40}$/;
const PLANS = ['basic', 'standard', 'premium'] as const;
type Plan = (typeof PLANS)[number];
type Status = 'active' | 'suspended';

interface Form {
  slug: string;
  nameZh: string;
  nameEn: string;
  districtId: string;
  address: string;
  plan: Plan;
  maxBuildings: string;
  maxDevices: string;
  maxUsers: string;
  subscriptionEndsAt: string;
  status: Status;
}

const LIMITS = { maxBuildings: [1, 100000], maxDevices: [0, 1000000], maxUsers: [1, 100000] } as const;

function initial(tenant: TenantRow | null): Form {
  if (!tenant) {
    return { slug: '', nameZh: '', nameEn: '', districtId: '', address: '', plan: 'standard', maxBuildings: '50', maxDevices: '2000', maxUsers: '100', subscriptionEndsAt: '', status: 'active' };
  }
  return {
    slug: tenant.slug,
    nameZh: tenant.nameZh,
    nameEn: tenant.nameEn,
    districtId: tenant.districtId ?? '',
    address: tenant.address,
    plan: tenant.plan,
    maxBuildings: String(tenant.maxBuildings),
    maxDevices: String(tenant.maxDevices),
    maxUsers: String(tenant.maxUsers),
    subscriptionEndsAt: tenant.subscriptionEndsAt ?? '',
    status: tenant.status,
  };
}

/** Create or edit a community and its subscription. Suspending asks first. */
export function TenantDialog({ tenant, districts, onClose, onSaved }: { tenant: TenantRow | null; districts: District[]; onClose: () => void; onSaved: (message: string) => void }) {
  const t = useTranslations('admin.tenantForm');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => initial(tenant));
  const [touched, setTouched] = useState(false);
  const [confirmSuspend, setConfirmSuspend] = useState(false);
  // Once a field is edited after a failed save, its server error no longer applies.
  const [touchedSince, setTouchedSince] = useState<Partial<Record<keyof Form, boolean>>>({});

  const done = async (name: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.tenants.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.tenantStats.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.directory.queryKey() }),
    ]);
    onSaved(tenant ? t('updated', { name }) : t('created', { name }));
  };
  const create = useMutation(trpc.admin.createTenant.mutationOptions({ onSuccess: () => done(form.nameZh) }));
  const update = useMutation(trpc.admin.updateTenant.mutationOptions({ onSuccess: () => done(form.nameZh) }));
  const mutation = tenant ? update : create;
  const serverErrors = mutation.error ? fieldErrorsOf(mutation.error, locale) : {};

  const errors: Partial<Record<keyof Form, string>> = {};
  if (touched) {
    if (!form.slug.trim()) errors.slug = t('required');
    else if (!SLUG.test(form.slug.trim())) errors.slug = t('slugFormat');
    if (!form.nameZh.trim()) errors.nameZh = t('required');
    if (!form.nameEn.trim()) errors.nameEn = t('required');
    for (const key of ['maxBuildings', 'maxDevices', 'maxUsers'] as const) {
      const n = parseInteger(form[key]);
      const [min, max] = LIMITS[key];
      if (form[key].trim() === '') errors[key] = t('required');
      else if (n === null || n < min || n > max) errors[key] = t('integerRange', { min, max });
    }
  }
  const errorOf = (k: keyof Form) => errors[k] ?? (mutation.isError && !touchedSince[k] ? serverErrors[k] : undefined);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setTouchedSince((s) => ({ ...s, [k]: true }));
  };

  const suspending = form.status === 'suspended' && tenant?.status !== 'suspended';

  function submit(e?: FormEvent) {
    e?.preventDefault();
    setTouched(true);
    const check = validate(form);
    if (!check) return;
    if (suspending && !confirmSuspend) {
      setConfirmSuspend(true);
      return;
    }
    setTouchedSince({});
    if (tenant) update.mutate({ id: tenant.id, tenant: check });
    else create.mutate(check);
  }

  const shownFieldErrors = Object.keys(serverErrors).some((k) => k in form);
  return (
    <Dialog title={tenant ? t('editTitle', { name: nameOf(locale, tenant.nameZh, tenant.nameEn) }) : t('newTitle')} onClose={onClose} wide testId="tenant-dialog">
      <form onSubmit={submit} noValidate>
        {mutation.error && !shownFieldErrors && <Notice>{errorText(mutation.error, locale)}</Notice>}
        <div className="form-grid">
          <Field label={t('slug')} htmlFor="t-slug" error={errorOf('slug')} hint={t('slugHint')}>
            <input id="t-slug" value={form.slug} onChange={(e) => set('slug', e.target.value.toLowerCase())} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label={t('district')} htmlFor="t-district" error={errorOf('districtId')} hint={tenant ? undefined : t('districtHint')}>
            <select id="t-district" value={form.districtId} onChange={(e) => set('districtId', e.target.value)}>
              <option value="">{t('noDistrict')}</option>
              {districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {nameOf(locale, d.nameZh, d.nameEn)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('nameZh')} htmlFor="t-nameZh" error={errorOf('nameZh')}>
            <input id="t-nameZh" value={form.nameZh} onChange={(e) => set('nameZh', e.target.value)} maxLength={60} />
          </Field>
          <Field label={t('nameEn')} htmlFor="t-nameEn" error={errorOf('nameEn')}>
            <input id="t-nameEn" value={form.nameEn} onChange={(e) => set('nameEn', e.target.value)} maxLength={80} />
          </Field>
          <div className={styles.span2}>
            <Field label={t('address')} htmlFor="t-address" error={errorOf('address')}>
              <input id="t-address" value={form.address} onChange={(e) => set('address', e.target.value)} maxLength={200} />
            </Field>
          </div>
          <Field label={t('plan')} htmlFor="t-plan" error={errorOf('plan')}>
            <select id="t-plan" value={form.plan} onChange={(e) => set('plan', e.target.value as Plan)}>
              {PLANS.map((p) => (
                <option key={p} value={p}>
                  {tc(`plans.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('subscriptionEndsAt')} htmlFor="t-ends" error={errorOf('subscriptionEndsAt')} hint={t('subscriptionHint')}>
            <input id="t-ends" type="date" value={form.subscriptionEndsAt} onChange={(e) => set('subscriptionEndsAt', e.target.value)} />
          </Field>
          <Field label={t('maxUsers')} htmlFor="t-users" error={errorOf('maxUsers')}>
            <input id="t-users" inputMode="numeric" value={form.maxUsers} onChange={(e) => set('maxUsers', e.target.value)} />
          </Field>
          <Field label={t('maxBuildings')} htmlFor="t-buildings" error={errorOf('maxBuildings')}>
            <input id="t-buildings" inputMode="numeric" value={form.maxBuildings} onChange={(e) => set('maxBuildings', e.target.value)} />
          </Field>
          <Field label={t('maxDevices')} htmlFor="t-devices" error={errorOf('maxDevices')}>
            <input id="t-devices" inputMode="numeric" value={form.maxDevices} onChange={(e) => set('maxDevices', e.target.value)} />
          </Field>
          <Field label={t('status')} htmlFor="t-status" error={errorOf('status')}>
            <select
              id="t-status"
              value={form.status}
              onChange={(e) => {
                set('status', e.target.value as Status);
                setConfirmSuspend(false);
              }}
            >
              <option value="active">{tc('status.active')}</option>
              <option value="suspended">{tc('status.suspended')}</option>
            </select>
          </Field>
        </div>
        {suspending && !confirmSuspend && <Notice kind="info">{t('suspendNote')}</Notice>}
        {confirmSuspend && (
          <div className="notice notice-error" role="alert" data-testid="suspend-confirm">
            <strong>{t('suspendConfirmTitle')}</strong>
            <p style={{ margin: '6px 0 0' }}>{t('suspendConfirmBody', { name: form.nameZh || form.slug })}</p>
          </div>
        )}
        <div className={styles.dialogActions}>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={mutation.isPending}>
            {tc('cancel')}
          </button>
          {confirmSuspend ? (
            <button type="submit" className="btn btn-danger" disabled={mutation.isPending} data-testid="tenant-save">
              {mutation.isPending ? t('saving') : t('suspendAndSave')}
            </button>
          ) : (
            <button type="submit" className="btn" disabled={mutation.isPending} data-testid="tenant-save">
              {mutation.isPending ? t('saving') : tenant ? tc('save') : t('create')}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}

/** The API input when the form is valid, else null. */
function validate(f: Form) {
  const slug = f.slug.trim();
  const nums = { maxBuildings: parseInteger(f.maxBuildings), maxDevices: parseInteger(f.maxDevices), maxUsers: parseInteger(f.maxUsers) };
  if (!SLUG.test(slug) || !f.nameZh.trim() || !f.nameEn.trim()) return null;
  for (const key of ['maxBuildings', 'maxDevices', 'maxUsers'] as const) {
    const n = nums[key];
    if (n === null || n < LIMITS[key][0] || n > LIMITS[key][1]) return null;
  }
  return {
    slug,
    nameZh: f.nameZh.trim(),
    nameEn: f.nameEn.trim(),
    districtId: f.districtId || null,
    address: f.address.trim(),
    plan: f.plan,
    maxBuildings: nums.maxBuildings!,
    maxDevices: nums.maxDevices!,
    maxUsers: nums.maxUsers!,
    subscriptionEndsAt: f.subscriptionEndsAt || null,
    status: f.status,
  };
}
