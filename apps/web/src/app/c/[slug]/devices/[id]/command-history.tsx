'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Pager } from '@/components/pager';
import { Notice } from '@/components/ui';
import { formatTimestamp } from '@/lib/datetime';
import { errorText } from '@/lib/errors';
import styles from '../../console.module.css';
import { CommandStateBadge } from '../badges';
import local from '../devices.module.css';
import { formatNumber, localName, type CommandRow, type DeviceKind } from '../lib';
import detail from './detail.module.css';

/** A live command result, shown over the stored row until the list is re-read. */
export type LiveCommand = { state: string; latencyMs: number | null };

/** One page of the device's commands, newest first, with their delivery state and latency. */
export function CommandHistory({
  kind,
  data,
  error,
  pageSize,
  canControl,
  liveCommands,
  fresh,
  onPage,
}: {
  kind: DeviceKind | undefined;
  data: { items: CommandRow[]; total: number; page: number } | undefined;
  error: unknown;
  pageSize: number;
  canControl: boolean;
  liveCommands: Record<string, LiveCommand>;
  fresh: Set<string>;
  onPage: (page: number) => void;
}) {
  const t = useTranslations('devices.detail');
  const td = useTranslations('devices');
  const locale = useLocale();
  const commandItems = data?.items ?? [];
  return (
    <section className="card" data-testid="command-history">
      <h2>{t('commandsTitle')}</h2>
      {!!error && <Notice>{errorText(error, locale)}</Notice>}
      {data && data.total === 0 ? (
        <p className={local.chartEmpty}>{canControl ? t('commandsEmptyControl') : t('commandsEmpty')}</p>
      ) : (
        <>
          <div className={`table-wrap ${styles.table}`}>
            <table>
              <thead>
                <tr>
                  <th>{t('col.time')}</th>
                  <th>{t('col.command')}</th>
                  <th>{t('col.params')}</th>
                  <th>{t('col.source')}</th>
                  <th>{t('col.state')}</th>
                  <th className="num">{t('col.latency')}</th>
                </tr>
              </thead>
              <tbody>
                {commandItems.map((c) => {
                  const over = liveCommands[c.id];
                  const stateName = over && rank(over.state) > rank(c.state) ? over.state : c.state;
                  const latency = c.latencyMs ?? over?.latencyMs ?? null;
                  const def = kind?.commands.find((x) => x.key === c.name);
                  return (
                    <tr key={c.id} className={fresh.has(c.id) ? detail.fresh : undefined} data-testid="command-row">
                      <td className={styles.nowrap}>{formatTimestamp(c.createdAt)}</td>
                      <td className={styles.nowrap}>{def ? localName(def, locale) : c.name}</td>
                      <td className={detail.data}>{Object.keys(c.params ?? {}).length ? JSON.stringify(c.params) : '—'}</td>
                      <td className={styles.nowrap}>{td.has(`command.source.${c.source}`) ? td(`command.source.${c.source}`) : c.source}</td>
                      <td>
                        <CommandStateBadge state={stateName} />
                        {c.detail && <div className={local.small}>{c.detail}</div>}
                      </td>
                      <td className="num">{latency != null ? t('ms', { ms: formatNumber(latency) }) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {data && data.total > pageSize && <Pager page={data.page} pageSize={pageSize} total={data.total} onPage={onPage} />}
        </>
      )}
    </section>
  );
}

/** Later states win over a stale list row (queued → published → acked/failed/expired). */
function rank(state: string): number {
  return state === 'queued' ? 0 : state === 'published' ? 1 : 2;
}
