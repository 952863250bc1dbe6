'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState, type FormEvent } from 'react';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState, Field, Notice, PageHeader } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { Dialog } from '../_components/dialog';
import styles from '../admin.module.css';
import { DisableButton } from './disable-button';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;

export function UsersView() {
  const t = useTranslations('admin.users');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; username: string } | null>(null);
  const list = useQuery({ ...trpc.admin.users.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined }), placeholderData: keepPreviousData });
  const onSearch = useCallback((v: string) => {
    setSearch(v);
    setPage(1);
  }, []);

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <button type="button" className="btn" onClick={() => { setCreated(null); setCreating(true); }} data-testid="user-new">
            {t('new')}
          </button>
        }
      />
      {created && (
        <Notice kind="success">
          {t('created', { username: created.username })} <Link href={`/admin/users/${created.id}`}>{t('assignRoles')}</Link>
        </Notice>
      )}
      <div className="toolbar">
        <SearchBox value={search} onChange={onSearch} placeholder={t('searchPlaceholder')} label={tc('search')} />
      </div>
      {list.error || !list.data ? (
        <QueryStatus query={list} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={search ? t('emptyFiltered') : t('empty')}
          hint={search ? t('emptyFilteredHint') : t('emptyHint')}
          action={!search ? <button type="button" className="btn" onClick={() => setCreating(true)}>{t('new')}</button> : undefined}
        />
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="user-table">
              <thead>
                <tr>
                  <th>{t('col.username')}</th>
                  <th>{t('col.name')}</th>
                  <th>{t('col.phone')}</th>
                  <th className="num">{t('col.memberships')}</th>
                  <th>{t('col.status')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link href={`/admin/users/${u.id}`} className={styles.mono}>
                        {u.username}
                      </Link>
                    </td>
                    <td>{u.displayName}</td>
                    <td className={styles.mono}>{u.phone ?? <span className={styles.muted}>—</span>}</td>
                    <td className="num">
                      {u.memberships === 0 ? <span className="badge badge-warn">{t('noRoles')}</span> : u.memberships}
                    </td>
                    <td>
                      <span className={`badge ${u.disabled ? 'badge-danger' : 'badge-ok'}`}>{u.disabled ? t('disabled') : t('enabled')}</span>
                    </td>
                    <td>
                      <div className={styles.rowActions}>
                        <Link href={`/admin/users/${u.id}`} className="btn btn-ghost btn-small">
                          {t('roles')}
                        </Link>
                        <DisableButton user={u} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            setCreated(u);
          }}
        />
      )}
    </>
  );
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
const PHONE = /^1[3-9]\d{9}$/;

function policyOf(password: string, username: string) {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const u = username.trim().toLowerCase();
  return {
    length: password.length >= 10 && password.length <= 128,
    classes: classes >= 3,
    username: !(u.length >= 3 && password.toLowerCase().includes(u)),
  };
}

function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (u: { id: string; username: string }) => void }) {
  const t = useTranslations('admin.userForm');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const create = useMutation(
    trpc.admin.createUser.mutationOptions({
      onSuccess: async (res) => {
        await queryClient.invalidateQueries({ queryKey: trpc.admin.users.queryKey() });
        onCreated({ id: res.id, username: username.trim().toLowerCase() });
      },
    }),
  );
  const server = create.error ? fieldErrorsOf(create.error, locale) : {};
  const policy = policyOf(password, username);
  const u = username.trim().toLowerCase();
  const errors = {
    username: touched && !u ? t('required') : touched && !USERNAME.test(u) ? t('usernameFormat') : server.username,
    displayName: touched && !displayName.trim() ? t('required') : server.displayName,
    phone: touched && phone.trim() && !PHONE.test(phone.trim()) ? t('phoneFormat') : server.phone,
    password: touched && !password ? t('required') : touched && !(policy.length && policy.classes && policy.username) ? t('passwordWeak') : server.password,
  };
  const fieldShown = Object.keys(server).some((k) => k in errors);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!USERNAME.test(u) || !displayName.trim() || (phone.trim() && !PHONE.test(phone.trim())) || !(policy.length && policy.classes && policy.username)) return;
    create.mutate({ username: u, displayName: displayName.trim(), phone: phone.trim() || null, password });
  }

  return (
    <Dialog title={t('title')} onClose={onClose} testId="user-dialog">
      <form onSubmit={submit} noValidate autoComplete="off">
        {create.error && !fieldShown && <Notice>{errorText(create.error, locale)}</Notice>}
        <div className="form-grid">
          <Field label={t('username')} htmlFor="u-username" error={errors.username} hint={t('usernameHint')}>
            <input id="u-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" spellCheck={false} maxLength={32} />
          </Field>
          <Field label={t('displayName')} htmlFor="u-displayName" error={errors.displayName}>
            <input id="u-displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={40} />
          </Field>
          <Field label={t('phone')} htmlFor="u-phone" error={errors.phone} hint={t('phoneHint')}>
            <input id="u-phone" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={11} />
          </Field>
          <Field label={t('password')} htmlFor="u-password" error={errors.password}>
            <input id="u-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={128} />
          </Field>
        </div>
        <div className="field">
          <span className="field-hint">{t('policyTitle')}</span>
          <ul className={styles.policy} data-testid="password-policy">
            <li className={policy.length ? styles.met : undefined}>{t('policyLength')}</li>
            <li className={policy.classes ? styles.met : undefined}>{t('policyClasses')}</li>
            <li className={password && policy.username ? styles.met : undefined}>{t('policyUsername')}</li>
          </ul>
        </div>
        <div className={styles.dialogActions}>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={create.isPending}>
            {tc('cancel')}
          </button>
          <button type="submit" className="btn" disabled={create.isPending} data-testid="user-save">
            {create.isPending ? t('saving') : t('create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
