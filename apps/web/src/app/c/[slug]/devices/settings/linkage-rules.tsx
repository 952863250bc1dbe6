'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import type { AppRouter } from '@linli/api';
import type { LinkageRule } from '@linli/iot/linkage';
import { ConfirmDialog } from '../confirm-dialog';
import local from '../devices.module.css';
import { localName, type DeviceKind } from '../lib';
import { useDescribe } from './describe';
import { LinkageForm } from './linkage-form';
import css from './settings.module.css';
import { QueryStatus } from '@/components/query-status';

type CustomRule = inferRouterOutputs<AppRouter>['devices']['linkageRules']['custom'][number];

/** Built-in linkage (read-only) and this community's own rules (create, edit, switch, delete). */
export function LinkageRules({ tenant, kinds, byKind, canManage }: { tenant: string; kinds: DeviceKind[]; byKind: Map<string, DeviceKind>; canManage: boolean }) {
  const t = useTranslations('devices.settings.linkage');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describe = useDescribe(kinds, byKind);
  const [form, setForm] = useState<{ id?: string; rule?: LinkageRule; enabled: boolean } | null>(null);
  const [deleting, setDeleting] = useState<CustomRule | null>(null);
  const [toggleError, setToggleError] = useState<string | null>(null);

  const query = useQuery(trpc.devices.linkageRules.queryOptions({ tenant }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.devices.linkageRules.queryKey({ tenant }) });
  const toggle = useMutation(
    trpc.devices.saveLinkageRule.mutationOptions({
      onSuccess: () => {
        setToggleError(null);
        refresh();
      },
      onError: (e) => setToggleError(errorText(e, locale)),
    }),
  );
  const remove = useMutation(
    trpc.devices.deleteLinkageRule.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        refresh();
      },
    }),
  );

  const ruleCard = (rule: LinkageRule, extra: { builtin?: boolean; row?: CustomRule }) => {
    const d = describe.linkage(rule);
    const on = extra.row ? extra.row.enabled : rule.enabled;
    return (
      <article key={extra.row?.id ?? rule.id} className={css.rule} data-testid={extra.builtin ? 'linkage-builtin' : 'linkage-custom'}>
        <div className={css.ruleHead}>
          <h3>{localName(rule, locale)}</h3>
          {extra.builtin && <span className="badge">{t('builtinBadge')}</span>}
          {on ? <span className="badge badge-ok">{t('enabled')}</span> : <span className="badge">{t('disabled')}</span>}
          {extra.row && canManage && (
            <div className={css.ruleActions}>
              <label className={css.check}>
                <input
                  type="checkbox"
                  checked={extra.row.enabled}
                  disabled={toggle.isPending}
                  onChange={(e) => toggle.mutate({ tenant, id: extra.row!.id, rule: { ...rule, enabled: e.target.checked }, enabled: e.target.checked })}
                  data-testid="linkage-toggle"
                />
                {t('toggle')}
              </label>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setForm({ id: extra.row!.id, rule, enabled: extra.row!.enabled })} data-testid="linkage-edit">
                {t('edit')}
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => {
                  remove.reset();
                  setDeleting(extra.row!);
                }}
                data-testid="linkage-delete"
              >
                {t('delete')}
              </button>
            </div>
          )}
        </div>
        <p className={css.summary}>{d.summary}</p>
        {d.meta && <p className={css.summaryMeta}>{d.meta}</p>}
      </article>
    );
  };

  const data = query.data;
  return (
    <section className="card" id="linkage-rules" data-testid="linkage-rules">
      <h2>{t('title')}</h2>
      <p className={css.intro}>{t('intro')}</p>
      <QueryStatus query={query} />
      {data && (
        <>
          <h3 className={css.subhead}>
            <span>{t('custom')}</span>
            {canManage && (
              <button type="button" className="btn btn-small" onClick={() => setForm({ enabled: true })} data-testid="linkage-add">
                {t('add')}
              </button>
            )}
          </h3>
          {toggleError && <Notice>{toggleError}</Notice>}
          {data.custom.length === 0 ? (
            <div className="empty" role="status" style={{ padding: '20px 12px' }}>
              <p className="empty-title">{t('customEmpty')}</p>
              {canManage && <p className="empty-hint">{t('customEmptyManage')}</p>}
            </div>
          ) : (
            <div className={css.rules}>{data.custom.map((row) => ruleCard(row.rule, { row }))}</div>
          )}
          <h3 className={css.subhead}>
            <span>{t('builtin')}</span>
          </h3>
          {data.builtin.length === 0 ? <p className={local.chartEmpty}>—</p> : <div className={css.rules}>{data.builtin.map((rule) => ruleCard(rule, { builtin: true }))}</div>}
        </>
      )}
      {form && (
        <LinkageForm
          tenant={tenant}
          kinds={kinds}
          id={form.id}
          initial={form.rule}
          enabled={form.enabled}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            refresh();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('deleteTitle')}
          body={t('deleteBody', { name: localName(deleting.rule, locale) })}
          confirm={t('delete')}
          danger
          busy={remove.isPending}
          error={remove.error ? errorText(remove.error, locale) : null}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ tenant, id: deleting.id })}
        />
      )}
    </section>
  );
}
