'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ConflictDoc } from '@linli/sync';
import { Pager } from '@/components/pager';
import { QueryStatus } from '@/components/query-status';
import { TabBar } from '@/components/tab-bar';
import { EmptyState, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { useName, when } from '../field-shared';
import { useValueText } from '@/field/ui/values';

type Filter = 'open' | 'auto_resolved' | 'resolved' | 'all';

export function ConflictsView({ tenant }: { tenant: string }) {
  const t = useTranslations('field-console.conflicts');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const query = useQuery({ ...trpc.fieldConsole.conflicts.list.queryOptions({ tenant, page, pageSize: 10, status: filter === 'all' ? undefined : filter }), placeholderData: keepPreviousData });
  const data = query.data;
  const name = useName(data?.names ?? {});
  const resolve = useMutation(
    trpc.fieldConsole.conflicts.resolve.mutationOptions({
      onSuccess: async (_r, vars) => {
        setNotice({ kind: 'success', text: t('resolved', { choice: vars.choice === 'server' ? t('keepServer') : t('takeTablet') }) });
        await qc.invalidateQueries({ queryKey: trpc.fieldConsole.conflicts.list.queryKey() });
      },
      onError: (e) => setNotice({ kind: 'error', text: errorText(e, locale) }),
    }),
  );
  return (
    <section className="card">
      <TabBar tabs={['open', 'auto_resolved', 'resolved', 'all'] as const} value={filter} onChange={(f) => { setFilter(f); setPage(1); }} label={(f) => t(`filter.${f}`)}>
        {data && <span className={styles.muted}>{t('openCount', { n: data.open })}</span>}
      </TabBar>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <QueryStatus query={query} />
      {data && data.total === 0 ? (
        <EmptyState title={t('empty')} hint={t('emptyHint')} />
      ) : data ? (
        <>
          {data.items.map((c) => (
            <ConflictCard key={c.id} c={c} name={name} busy={resolve.isPending} onResolve={(choice) => {
              if (choice === 'tablet' && !window.confirm(t('confirm'))) return;
              setNotice(null);
              resolve.mutate({ tenant, id: c.id, choice });
            }} />
          ))}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}

function ConflictCard({ c, name, busy, onResolve }: { c: ConflictDoc; name: (id?: string | null) => string; busy: boolean; onResolve: (choice: 'server' | 'tablet') => void }) {
  const t = useTranslations('field-console.conflicts');
  const locale = useLocale();
  const collection = t.has(`collection.${c.collection}`) ? t(`collection.${c.collection}`) : c.collection;
  // Values as a person reads them (空置, 已核查, a time), the same wording as on the tablet.
  const { label, text } = useValueText();
  const title = (c.newDoc as { title?: string }).title ?? (c.realMaster as { title?: string }).title ?? c.docId.slice(0, 8);
  return (
    <article className="card" data-testid="conflict-card" style={{ borderLeft: c.status === 'open' ? '4px solid #d33' : '4px solid #ccc' }}>
      <p>
        <span className="badge">{collection}</span> <strong>{title}</strong> · {t(`status.${c.status}`)} · {name(c.pushedBy)} · {when(c.updatedAt)}
      </p>
      <div className={`table-wrap ${styles.table}`}>
        <table>
          <thead>
            <tr>
              <th>{t('field')}</th>
              <th>{t('base')}</th>
              <th>{t('server')}</th>
              <th>{t('tablet')}</th>
              <th>{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {c.fields.map((f) => (
              <tr key={f.path}>
                <td>{label(c.collection, f.path)}</td>
                <td style={{ whiteSpace: 'pre-wrap', maxWidth: 220 }}>{text(c.collection, f.path, f.base)}</td>
                <td style={{ whiteSpace: 'pre-wrap', maxWidth: 220 }} data-testid="conflict-server">{text(c.collection, f.path, f.server)}</td>
                <td style={{ whiteSpace: 'pre-wrap', maxWidth: 220 }} data-testid="conflict-tablet">{text(c.collection, f.path, f.tablet)}</td>
                <td>{locale === 'en' ? f.reason.en : f.reason.zh}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.status === 'open' ? (
        <div className="actions">
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => onResolve('server')} data-testid="keep-server">{t('keepServer')}</button>
          <button type="button" className="btn" disabled={busy} onClick={() => onResolve('tablet')} data-testid="take-tablet">{t('takeTablet')}</button>
        </div>
      ) : c.resolvedBy ? (
        <p className={styles.muted}>{t('resolvedBy', { name: name(c.resolvedBy), at: when(c.resolvedAt) })}</p>
      ) : null}
    </article>
  );
}
