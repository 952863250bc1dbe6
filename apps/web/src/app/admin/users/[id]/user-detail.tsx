'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState, type FormEvent } from 'react';
import { ROLE_ORG_KINDS, TENANT_BOUND_ROLES } from '@linli/auth/permissions';
import type { Role } from '@linli/db';
import { EmptyState, Field, Notice, PageHeader } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { ConfirmDialog } from '../../_components/dialog';
import { formatShanghai, nameOf } from '../../_components/format';
import type { MembershipRow, UserInfo } from '../../_components/types';
import styles from '../../admin.module.css';
import { DisableButton } from '../disable-button';

const ROLES = Object.keys(ROLE_ORG_KINDS) as Role[];

export function UserDetail({ initial }: { initial: UserInfo }) {
  const t = useTranslations('admin.userDetail');
  const tu = useTranslations('admin.users');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const user = useQuery({ ...trpc.admin.user.queryOptions({ id: initial.id }), initialData: initial }).data;
  const memberships = useQuery(trpc.admin.memberships.queryOptions({ userId: initial.id }));
  const [removing, setRemoving] = useState<MembershipRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <Link href="/admin/users" className={styles.back}>
        ← {t('back')}
      </Link>
      <PageHeader
        title={`${user.displayName}`}
        subtitle={t('subtitle')}
        actions={<DisableButton user={user} />}
      />
      <div className="card">
        <dl className={styles.profile}>
          <div>
            <dt>{tu('col.username')}</dt>
            <dd className={styles.mono}>{user.username}</dd>
          </div>
          <div>
            <dt>{tu('col.phone')}</dt>
            <dd className={styles.mono}>{user.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>{tu('col.status')}</dt>
            <dd>
              <span className={`badge ${user.disabled ? 'badge-danger' : 'badge-ok'}`}>{user.disabled ? tu('disabled') : tu('enabled')}</span>
            </dd>
          </div>
          <div>
            <dt>{t('createdAt')}</dt>
            <dd>{formatShanghai(user.createdAt, locale)}</dd>
          </div>
        </dl>
      </div>

      {notice && <Notice kind="success">{notice}</Notice>}
      <section className="card">
        <h2>{t('rolesTitle')}</h2>
        {memberships.error ? (
          <Notice>{errorText(memberships.error, locale)}</Notice>
        ) : !memberships.data ? (
          <p className="empty">{tc('loading')}</p>
        ) : memberships.data.length === 0 ? (
          <EmptyState title={t('noRoles')} hint={t('noRolesHint')} />
        ) : (
          <div className="table-wrap">
            <table data-testid="membership-table">
              <thead>
                <tr>
                  <th>{t('col.organization')}</th>
                  <th>{t('col.role')}</th>
                  <th>{t('col.tenant')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {memberships.data.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <div>{nameOf(locale, m.organizationZh, m.organizationEn)}</div>
                      <div className={styles.muted}>{tc(`orgKinds.${m.organizationKind}`)}</div>
                    </td>
                    <td>{tc(`roles.${m.role}`)}</td>
                    <td>{m.tenantId ? nameOf(locale, m.tenantZh, m.tenantEn) : <span className={styles.muted}>{t('allTenants')}</span>}</td>
                    <td>
                      <div className={styles.rowActions}>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => { setNotice(null); setRemoving(m); }} data-testid="membership-delete">
                          {t('remove')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <AddRoleForm userId={initial.id} onAdded={(text) => setNotice(text)} />

      {removing && (
        <RemoveMembership
          membership={removing}
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

function RemoveMembership({ membership, onClose, onDone }: { membership: MembershipRow; onClose: () => void; onDone: (text: string) => void }) {
  const t = useTranslations('admin.userDetail');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const role = tc(`roles.${membership.role}`);
  const org = nameOf(locale, membership.organizationZh, membership.organizationEn);
  const del = useMutation(
    trpc.admin.deleteMembership.mutationOptions({
      onSuccess: async () => {
        await invalidateMemberships(queryClient, trpc);
        onDone(t('removed', { role, org }));
      },
    }),
  );
  return (
    <ConfirmDialog
      title={t('removeTitle')}
      body={
        <>
          <p>{t('removeBody', { role, org, tenant: membership.tenantId ? nameOf(locale, membership.tenantZh, membership.tenantEn) : t('allTenants') })}</p>
          <p className={styles.muted}>{t('removeNote')}</p>
        </>
      }
      confirmLabel={t('remove')}
      pendingLabel={t('removing')}
      pending={del.isPending}
      error={del.error ? errorText(del.error, locale) : null}
      onCancel={onClose}
      onConfirm={() => del.mutate({ id: membership.id })}
    />
  );
}

async function invalidateMemberships(queryClient: ReturnType<typeof useQueryClient>, trpc: ReturnType<typeof useTRPC>) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.admin.memberships.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.admin.users.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.admin.tenants.queryKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.admin.organizations.queryKey() }),
  ]);
}

function AddRoleForm({ userId, onAdded }: { userId: string; onAdded: (text: string) => void }) {
  const t = useTranslations('admin.userDetail');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const directory = useQuery(trpc.admin.directory.queryOptions());
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [tenantId, setTenantId] = useState('');
  const [touched, setTouched] = useState(false);
  const org = directory.data?.organizations.find((o) => o.id === organizationId);
  const roles = useMemo(() => (org ? ROLES.filter((r) => ROLE_ORG_KINDS[r].includes(org.kind)) : []), [org]);
  const grants = useQuery({ ...trpc.admin.grants.queryOptions({ organizationId }), enabled: !!organizationId });
  const tenantBound = !!role && TENANT_BOUND_ROLES.includes(role);

  const add = useMutation(
    trpc.admin.createMembership.mutationOptions({
      onSuccess: async () => {
        await invalidateMemberships(queryClient, trpc);
        const tenant = grants.data?.find((g) => g.tenantId === tenantId);
        onAdded(
          t('added', {
            role: role ? tc(`roles.${role}`) : '',
            org: org ? nameOf(locale, org.nameZh, org.nameEn) : '',
            tenant: tenant ? nameOf(locale, tenant.tenantZh, tenant.tenantEn) : t('allTenants'),
          }),
        );
        setRole('');
        setTenantId('');
        setTouched(false);
      },
    }),
  );
  const server = add.error ? fieldErrorsOf(add.error, locale) : {};
  const errors = {
    organizationId: touched && !organizationId ? t('form.required') : server.organizationId,
    role: touched && !role ? t('form.required') : server.role,
    tenantId: touched && tenantBound && !tenantId ? t('form.tenantRequired') : server.tenantId,
  };
  const fieldShown = Object.keys(server).some((k) => k in errors);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!organizationId || !role || (tenantBound && !tenantId)) return;
    add.mutate({ userId, organizationId, role, tenantId: tenantId || null });
  }

  return (
    <section className="card" data-testid="add-role">
      <h2>{t('form.title')}</h2>
      <form onSubmit={submit} noValidate>
        {add.error && !fieldShown && <Notice>{errorText(add.error, locale)}</Notice>}
        <div className="form-grid">
          <Field label={t('form.organization')} htmlFor="m-org" error={errors.organizationId}>
            <select
              id="m-org"
              value={organizationId}
              onChange={(e) => {
                setOrganizationId(e.target.value);
                setRole('');
                setTenantId('');
                add.reset();
              }}
            >
              <option value="">{directory.isLoading ? tc('loading') : t('form.chooseOrganization')}</option>
              {directory.data?.organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {nameOf(locale, o.nameZh, o.nameEn)} · {tc(`orgKinds.${o.kind}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('form.role')} htmlFor="m-role" error={errors.role} hint={org ? t('form.roleHint', { kind: tc(`orgKinds.${org.kind}`) }) : undefined}>
            <select
              id="m-role"
              value={role}
              disabled={!org}
              onChange={(e) => {
                setRole(e.target.value as Role | '');
                add.reset();
              }}
            >
              <option value="">{org ? t('form.chooseRole') : t('form.chooseOrganizationFirst')}</option>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {tc(`roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={tenantBound ? t('form.tenantRequiredLabel') : t('form.tenant')}
            htmlFor="m-tenant"
            error={errors.tenantId}
            hint={org && grants.data && grants.data.length === 0 ? t('form.noGrants') : tenantBound ? t('form.tenantBoundHint') : t('form.tenantHint')}
          >
            <select
              id="m-tenant"
              value={tenantId}
              disabled={!org}
              onChange={(e) => {
                setTenantId(e.target.value);
                add.reset();
              }}
            >
              <option value="">{tenantBound ? t('form.chooseTenant') : t('allTenants')}</option>
              {grants.data?.map((g) => (
                <option key={g.tenantId} value={g.tenantId}>
                  {nameOf(locale, g.tenantZh, g.tenantEn)} · {tc(`levels.${g.accessLevel}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {org && grants.data && grants.data.length === 0 && (
          <p className={styles.muted}>
            <Link href="/admin/grants">{t('form.goGrants')}</Link>
          </p>
        )}
        <div className={styles.dialogActions} style={{ justifyContent: 'flex-start' }}>
          <button type="submit" className="btn" disabled={add.isPending} data-testid="membership-save">
            {add.isPending ? t('form.saving') : t('form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
