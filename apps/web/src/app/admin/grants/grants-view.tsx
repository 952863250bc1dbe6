'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Pager } from '@/components/pager';
import { EmptyState, Field, Notice, PageHeader } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { ConfirmDialog, Dialog } from '../_components/dialog';
import { nameOf } from '../_components/format';
import type { Directory, GrantRow } from '../_components/types';
import styles from '../admin.module.css';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;
const LEVELS = ['operate', 'supervise', 'serve'] as const;
type Level = (typeof LEVELS)[number];
const LEVEL_BADGE: Record<Level, string> = { operate: 'badge-ok', supervise: 'badge-warn', serve: '' };

export function GrantsView({ initialOrganizationId, initialTenantId }: { initialOrganizationId: string; initialTenantId: string }) {
  const t = useTranslations('admin.grants');
  const tCommon = useTranslations('admin.common');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [organizationId, setOrganizationId] = useState(initialOrganizationId);
  const [tenantId, setTenantId] = useState(initialTenantId);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<GrantRow | 'new' | null>(null);
  const [removing, setRemoving] = useState<GrantRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const directory = useQuery(trpc.admin.directory.queryOptions());
  const list = useQuery({
    ...trpc.admin.grants.queryOptions({ organizationId: organizationId || undefined, tenantId: tenantId || undefined }),
    placeholderData: keepPreviousData,
  });
  const filtered = !!organizationId || !!tenantId;
  const rows = list.data ?? [];
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <button type="button" className="btn" onClick={() => { setNotice(null); setEditing('new'); }} data-testid="grant-new">
            {t('new')}
          </button>
        }
      />
      <ul className={styles.levelHelp}>
        {LEVELS.map((l) => (
          <li key={l}>
            <strong>{tc(`levels.${l}`)}</strong>
            {tCommon('colon')}
            {t(`levelHelp.${l}`)}
          </li>
        ))}
      </ul>
      {notice && <Notice kind="success">{notice}</Notice>}
      <div className="toolbar">
        <select
          aria-label={t('orgFilter')}
          value={organizationId}
          onChange={(e) => {
            setOrganizationId(e.target.value);
            setPage(1);
          }}
        >
          <option value="">{t('allOrganizations')}</option>
          {directory.data?.organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {nameOf(locale, o.nameZh, o.nameEn)} · {tc(`orgKinds.${o.kind}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('tenantFilter')}
          value={tenantId}
          onChange={(e) => {
            setTenantId(e.target.value);
            setPage(1);
          }}
        >
          <option value="">{t('allTenants')}</option>
          {directory.data?.tenants.map((s) => (
            <option key={s.id} value={s.id}>
              {nameOf(locale, s.nameZh, s.nameEn)}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="btn btn-ghost" onClick={() => { setOrganizationId(''); setTenantId(''); setPage(1); }}>
            {t('clearFilters')}
          </button>
        )}
      </div>
      {list.error || !list.data ? (
        <QueryStatus query={list} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={filtered ? t('emptyFiltered') : t('empty')}
          hint={filtered ? t('emptyFilteredHint') : t('emptyHint')}
          action={<button type="button" className="btn" onClick={() => setEditing('new')}>{t('new')}</button>}
        />
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="grant-table">
              <thead>
                <tr>
                  <th>{t('col.organization')}</th>
                  <th>{t('col.tenant')}</th>
                  <th>{t('col.level')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((g) => (
                  <tr key={`${g.organizationId}:${g.tenantId}`}>
                    <td>
                      <div>{nameOf(locale, g.organizationZh, g.organizationEn)}</div>
                      <div className={styles.muted}>{tc(`orgKinds.${g.organizationKind}`)}</div>
                    </td>
                    <td>
                      <div>{nameOf(locale, g.tenantZh, g.tenantEn)}</div>
                      <div className={`${styles.muted} ${styles.mono}`}>{g.tenantSlug}</div>
                    </td>
                    <td>
                      <span className={`badge ${LEVEL_BADGE[g.accessLevel]}`} title={t(`levelHelp.${g.accessLevel}`)}>
                        {tc(`levels.${g.accessLevel}`)}
                      </span>
                    </td>
                    <td>
                      <div className={styles.rowActions}>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => { setNotice(null); setEditing(g); }}>
                          {t('changeLevel')}
                        </button>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => { setNotice(null); setRemoving(g); }} data-testid="grant-delete">
                          {tc('delete')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={current} pageSize={PAGE_SIZE} total={rows.length} onPage={setPage} />
        </>
      )}
      {editing && directory.data && (
        <GrantDialog
          grant={editing === 'new' ? null : editing}
          directory={directory.data}
          preset={{ organizationId, tenantId }}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            setNotice(text);
          }}
        />
      )}
      {removing && (
        <RemoveGrant
          grant={removing}
          onClose={() => setRemoving(null)}
          onDone={(text) => {
            setRemoving(null);
            setNotice(text);
          }}
        />
      )}
    </>
  );
}

async function invalidateGrants(queryClient: ReturnType<typeof useQueryClient>, trpc: ReturnType<typeof useTRPC>) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.admin.grants.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.admin.organizations.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.admin.tenants.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.admin.memberships.queryKey() }),
  ]);
}

function GrantDialog({
  grant,
  directory,
  preset,
  onClose,
  onSaved,
}: {
  grant: GrantRow | null;
  directory: Directory;
  preset: { organizationId: string; tenantId: string };
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const t = useTranslations('admin.grants');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [organizationId, setOrganizationId] = useState(grant?.organizationId ?? preset.organizationId);
  const [tenantId, setTenantId] = useState(grant?.tenantId ?? preset.tenantId);
  const [level, setLevel] = useState<Level | ''>(grant?.accessLevel ?? '');
  const [touched, setTouched] = useState(false);
  const org = directory.organizations.find((o) => o.id === organizationId);
  const site = directory.tenants.find((s) => s.id === tenantId);
  // A street office only reaches communities of its own district.
  const sites = org?.kind === 'street_office' ? directory.tenants.filter((s) => s.districtId === org.districtId) : directory.tenants;
  const save = useMutation(
    trpc.admin.upsertGrant.mutationOptions({
      onSuccess: async () => {
        await invalidateGrants(queryClient, trpc);
        onSaved(
          t('saved', {
            org: org ? nameOf(locale, org.nameZh, org.nameEn) : '',
            tenant: site ? nameOf(locale, site.nameZh, site.nameEn) : '',
            level: level ? tc(`levels.${level}`) : '',
          }),
        );
      },
    }),
  );
  const server = save.error ? fieldErrorsOf(save.error, locale) : {};
  const errors = {
    organizationId: touched && !organizationId ? t('form.required') : server.organizationId,
    tenantId: touched && !tenantId ? t('form.required') : server.tenantId,
    accessLevel: touched && !level ? t('form.levelRequired') : server.accessLevel,
  };
  const fieldShown = Object.keys(server).some((k) => k in errors);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!organizationId || !tenantId || !level) return;
    save.mutate({ organizationId, tenantId, accessLevel: level });
  }

  return (
    <Dialog title={grant ? t('form.editTitle') : t('form.newTitle')} onClose={onClose} testId="grant-dialog">
      <form onSubmit={submit} noValidate>
        {save.error && !fieldShown && <Notice>{errorText(save.error, locale)}</Notice>}
        <Field label={t('form.organization')} htmlFor="g-org" error={errors.organizationId}>
          <select
            id="g-org"
            value={organizationId}
            disabled={!!grant}
            onChange={(e) => {
              setOrganizationId(e.target.value);
              save.reset();
            }}
          >
            <option value="">{t('form.chooseOrganization')}</option>
            {directory.organizations
              .filter((o) => o.kind !== 'platform')
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {nameOf(locale, o.nameZh, o.nameEn)} · {tc(`orgKinds.${o.kind}`)}
                </option>
              ))}
          </select>
        </Field>
        <Field
          label={t('form.tenant')}
          htmlFor="g-tenant"
          error={errors.tenantId}
          hint={org?.kind === 'street_office' ? t('form.streetOfficeHint') : undefined}
        >
          <select
            id="g-tenant"
            value={tenantId}
            disabled={!!grant}
            onChange={(e) => {
              setTenantId(e.target.value);
              save.reset();
            }}
          >
            <option value="">{t('form.chooseTenant')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {nameOf(locale, s.nameZh, s.nameEn)}
              </option>
            ))}
          </select>
        </Field>
        <div className={`field${errors.accessLevel ? ' field-invalid' : ''}`} role="radiogroup" aria-labelledby="g-level-label">
          <label id="g-level-label">{t('form.level')}</label>
          <div className={styles.levels}>
            {LEVELS.map((l) => (
              <label key={l} className={level === l ? styles.chosen : undefined}>
                <input
                  type="radio"
                  name="accessLevel"
                  value={l}
                  checked={level === l}
                  onChange={() => {
                    setLevel(l);
                    save.reset();
                  }}
                />
                <span>
                  <strong>{tc(`levels.${l}`)}</strong>
                  <span className={styles.muted}>{t(`levelHelp.${l}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.accessLevel && (
            <p className="field-error" role="alert">
              {errors.accessLevel}
            </p>
          )}
        </div>
        {grant && level && level !== grant.accessLevel && <Notice kind="info">{t('form.changeNote')}</Notice>}
        <div className={styles.dialogActions}>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={save.isPending}>
            {tc('cancel')}
          </button>
          <button type="submit" className="btn" disabled={save.isPending} data-testid="grant-save">
            {save.isPending ? t('form.saving') : tc('save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RemoveGrant({ grant, onClose, onDone }: { grant: GrantRow; onClose: () => void; onDone: (text: string) => void }) {
  const t = useTranslations('admin.grants');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const org = nameOf(locale, grant.organizationZh, grant.organizationEn);
  const tenant = nameOf(locale, grant.tenantZh, grant.tenantEn);
  const del = useMutation(
    trpc.admin.deleteGrant.mutationOptions({
      onSuccess: async () => {
        await invalidateGrants(queryClient, trpc);
        onDone(t('removed', { org, tenant }));
      },
    }),
  );
  return (
    <ConfirmDialog
      title={t('removeTitle')}
      body={
        <>
          <p>{t('removeBody', { org, tenant })}</p>
          <p>
            <strong>{t('removeNote')}</strong>
          </p>
        </>
      }
      confirmLabel={t('remove')}
      pendingLabel={t('removing')}
      pending={del.isPending}
      error={del.error ? errorText(del.error, locale) : null}
      onCancel={onClose}
      onConfirm={() => del.mutate({ organizationId: grant.organizationId, tenantId: grant.tenantId })}
    />
  );
}
