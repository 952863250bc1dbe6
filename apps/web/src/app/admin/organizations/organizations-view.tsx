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
import { nameOf } from '../_components/format';
import type { District } from '../_components/types';
import styles from '../admin.module.css';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;
const KINDS = ['platform', 'street_office', 'property_company', 'residents_committee', 'service_provider'] as const;
type Kind = (typeof KINDS)[number];

export function OrganizationsView() {
  const t = useTranslations('admin.orgs');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [resetKey, setResetKey] = useState(0);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const districts = useQuery(trpc.admin.districts.queryOptions());
  const list = useQuery({
    ...trpc.admin.organizations.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined, kind: kind || undefined }),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((v: string) => {
    setSearch(v);
    setPage(1);
  }, []);
  const filtered = !!search || !!kind;

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <button type="button" className="btn" onClick={() => { setSaved(null); setCreating(true); }} data-testid="org-new">
            {t('new')}
          </button>
        }
      />
      {saved && <Notice kind="success">{saved}</Notice>}
      <div className="toolbar">
        <SearchBox key={resetKey} value={search} onChange={onSearch} placeholder={t('searchPlaceholder')} label={tc('search')} />
        <select
          aria-label={t('kindFilter')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as Kind | '');
            setPage(1);
          }}
        >
          <option value="">{t('allKinds')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {tc(`orgKinds.${k}`)}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="btn btn-ghost" onClick={() => { setKind(''); onSearch(''); setResetKey((k) => k + 1); }}>
            {t('clearFilters')}
          </button>
        )}
      </div>

      {list.error || !list.data ? (
        <QueryStatus query={list} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={filtered ? t('emptyFiltered') : t('empty')}
          hint={filtered ? t('emptyFilteredHint') : t('emptyHint')}
          action={!filtered ? <button type="button" className="btn" onClick={() => setCreating(true)}>{t('new')}</button> : undefined}
        />
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="org-table">
              <thead>
                <tr>
                  <th>{t('col.name')}</th>
                  <th>{t('col.kind')}</th>
                  <th>{t('col.district')}</th>
                  <th className="num">{t('col.members')}</th>
                  <th className="num">{t('col.tenants')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <div>{nameOf(locale, o.nameZh, o.nameEn)}</div>
                      <div className={styles.muted}>{locale === 'en' ? o.nameZh : o.nameEn}</div>
                    </td>
                    <td>
                      <span className="badge">{tc(`orgKinds.${o.kind}`)}</span>
                    </td>
                    <td>{o.districtId ? nameOf(locale, o.districtNameZh, o.districtNameEn) : <span className={styles.muted}>—</span>}</td>
                    <td className="num">{o.members}</td>
                    <td className="num">
                      <Link href={`/admin/grants?organizationId=${o.id}`} title={t('tenantsLink')}>
                        {o.tenants}
                      </Link>
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
        <OrgDialog
          districts={districts.data ?? []}
          onClose={() => setCreating(false)}
          onSaved={(name) => {
            setCreating(false);
            setSaved(t('created', { name }));
          }}
        />
      )}
    </>
  );
}

function OrgDialog({ districts, onClose, onSaved }: { districts: District[]; onClose: () => void; onSaved: (name: string) => void }) {
  const t = useTranslations('admin.orgs');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind | ''>('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [touched, setTouched] = useState(false);
  const create = useMutation(
    trpc.admin.createOrganization.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.admin.organizations.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.directory.queryKey() }),
        ]);
        onSaved(nameZh.trim());
      },
    }),
  );
  const server = create.error ? fieldErrorsOf(create.error, locale) : {};
  const errors = {
    kind: touched && !kind ? t('form.required') : server.kind,
    nameZh: touched && !nameZh.trim() ? t('form.required') : server.nameZh,
    nameEn: touched && !nameEn.trim() ? t('form.required') : server.nameEn,
    districtId: touched && kind === 'street_office' && !districtId ? t('form.districtRequired') : server.districtId,
  };
  const fieldShown = Object.keys(server).some((k) => k in errors);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!kind || !nameZh.trim() || !nameEn.trim() || (kind === 'street_office' && !districtId)) return;
    create.mutate({ kind, nameZh: nameZh.trim(), nameEn: nameEn.trim(), districtId: districtId || null });
  }

  return (
    <Dialog title={t('form.title')} onClose={onClose} testId="org-dialog">
      <form onSubmit={submit} noValidate>
        {create.error && !fieldShown && <Notice>{errorText(create.error, locale)}</Notice>}
        <Field label={t('form.kind')} htmlFor="o-kind" error={errors.kind}>
          <select id="o-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind | '')}>
            <option value="">{t('form.chooseKind')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tc(`orgKinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-grid">
          <Field label={t('form.nameZh')} htmlFor="o-nameZh" error={errors.nameZh}>
            <input id="o-nameZh" value={nameZh} onChange={(e) => setNameZh(e.target.value)} maxLength={60} />
          </Field>
          <Field label={t('form.nameEn')} htmlFor="o-nameEn" error={errors.nameEn}>
            <input id="o-nameEn" value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} />
          </Field>
        </div>
        <Field
          label={kind === 'street_office' ? t('form.districtRequiredLabel') : t('form.district')}
          htmlFor="o-district"
          error={errors.districtId}
          hint={kind === 'street_office' ? t('form.districtHintStreet') : t('form.districtHint')}
        >
          <select id="o-district" value={districtId} onChange={(e) => setDistrictId(e.target.value)}>
            <option value="">{t('form.noDistrict')}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {nameOf(locale, d.nameZh, d.nameEn)}
              </option>
            ))}
          </select>
        </Field>
        <div className={styles.dialogActions}>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={create.isPending}>
            {tc('cancel')}
          </button>
          <button type="submit" className="btn" disabled={create.isPending} data-testid="org-save">
            {create.isPending ? t('form.saving') : t('form.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
