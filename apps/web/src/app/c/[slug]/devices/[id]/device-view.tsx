'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { Pager } from '@/components/pager';
import { Notice } from '@/components/ui';
import { formatDateTime, formatTimestamp } from '@/lib/datetime';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../../console.module.css';
import { AlarmStateBadge, CommandStateBadge, LiveStatus, OnlineBadge, SeverityBadge } from '../badges';
import { ConfirmDialog } from '../confirm-dialog';
import local from '../devices.module.css';
import { useCatalog, useLive } from '../hooks';
import { formatClock, formatMetric, formatNumber, localName } from '../lib';
import { SecretsDialog, type IssuedSecret } from '../secrets-dialog';
import { CommandPanel } from './command-panel';
import { EditDeviceDialog } from './edit-dialog';
import detail from './detail.module.css';

const HOURS = 24;
const COMMAND_PAGE = 10;

/** One device: ledger facts, live values, a 24 h trend, events, alarms, commands and controls. */
export function DeviceView({ tenant, tenantId, deviceId, canManage, canControl }: { tenant: string; tenantId: string; deviceId: string; canManage: boolean; canControl: boolean }) {
  const t = useTranslations('devices.detail');
  const td = useTranslations('devices');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const catalog = useCatalog(tenant);
  const [metric, setMetric] = useState('');
  const [cmdPage, setCmdPage] = useState(1);
  const [confirm, setConfirm] = useState<'enable' | 'disable' | 'rotate' | null>(null);
  const [secret, setSecret] = useState<IssuedSecret | null>(null);
  const [editing, setEditing] = useState(false);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  // Live command results arrive before the list is re-read: shown at once over the stored row.
  const [liveCommands, setLiveCommands] = useState<Record<string, { state: string; latencyMs: number | null }>>({});

  const query = useQuery({ ...trpc.devices.detail.queryOptions({ tenant, deviceId, hours: HOURS }), refetchInterval: 60_000 });
  const commands = useQuery({ ...trpc.devices.commands.queryOptions({ tenant, deviceId, page: cmdPage, pageSize: COMMAND_PAGE }), placeholderData: keepPreviousData });
  const invalidateDetail = () => void queryClient.invalidateQueries({ queryKey: trpc.devices.detail.queryKey({ tenant, deviceId, hours: HOURS }) });
  const invalidateCommands = () => void queryClient.invalidateQueries({ queryKey: trpc.devices.commands.queryKey() });
  const live = useLive(tenant, (e) => {
    if (e.deviceId !== deviceId) return;
    if (e.type === 'command') {
      setLiveCommands((m) => ({ ...m, [e.commandId]: { state: e.state, latencyMs: e.latencyMs } }));
      invalidateCommands();
    } else invalidateDetail();
  });

  const setEnabled = useMutation(
    trpc.devices.setEnabled.mutationOptions({
      onSuccess: () => {
        setConfirm(null);
        invalidateDetail();
        void queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() });
      },
    }),
  );
  const rotate = useMutation(
    trpc.devices.rotateSecret.mutationOptions({
      onSuccess: (r) => {
        setConfirm(null);
        setSecret(r);
      },
    }),
  );

  const data = query.data;
  const kind = data ? catalog.byKind.get(data.device.kind) : undefined;
  const numeric = useMemo(() => (kind?.metrics ?? []).filter((m) => m.type === 'number'), [kind]);
  const chosen = numeric.find((m) => m.key === metric) ?? numeric.find((m) => data?.readings.some((r) => typeof r.metrics[m.key] === 'number')) ?? numeric[0];
  const points = useMemo(
    () =>
      chosen && data
        ? data.readings.flatMap((r) => {
            const v = r.metrics[chosen.key];
            return typeof v === 'number' ? [{ t: new Date(r.ts).getTime(), v }] : [];
          })
        : [],
    [chosen, data],
  );

  const back = (
    <Link href={`/c/${tenant}/devices`} className={detail.crumb}>
      ← {t('back')}
    </Link>
  );
  if (query.error) {
    return (
      <>
        {back}
        <Notice>
          {errorText(query.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => query.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      </>
    );
  }
  if (!data) {
    return (
      <>
        {back}
        <p className="subtitle">{tc('loading')}</p>
      </>
    );
  }

  const { device, state } = data;
  const values = (state?.values ?? {}) as Record<string, unknown>;
  const eventName = (key: string) => {
    const e = kind?.events.find((x) => x.key === key);
    return e ? localName(e, locale) : key;
  };
  const now = Date.now();
  const commandItems = commands.data?.items ?? [];
  const mutationError = setEnabled.error ?? rotate.error;

  return (
    <>
      {back}
      <section className="card" data-testid="device-header">
        <div className={detail.head}>
          <div>
            <h1>
              {device.name}
              <OnlineBadge online={state?.online} lastSeen={state?.lastSeen} enabled={device.enabled} withTime={false} />
              {!!data.alarms.filter((a) => a.state === 'raised' || a.state === 'acknowledged').length && (
                <span className="badge badge-danger">{t('openAlarms', { count: data.alarms.filter((a) => a.state === 'raised' || a.state === 'acknowledged').length })}</span>
              )}
            </h1>
            <p className="subtitle">
              <span className={styles.mono}>{device.code}</span> · {catalog.kindName(device.kind)}
              {kind && <span className={local.small}> · {kind.fiware}</span>}
            </p>
          </div>
          <div className="actions">
            <LiveStatus status={live} />
            {canManage && (
              <>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(true)} data-testid="edit-device">
                  {td('edit.open')}
                </button>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirm(device.enabled ? 'disable' : 'enable')} data-testid="toggle-enabled">
                  {device.enabled ? t('disable') : t('enable')}
                </button>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirm('rotate')} data-testid="rotate-secret">
                  {t('rotate')}
                </button>
              </>
            )}
          </div>
        </div>
        <dl className={detail.metaGrid}>
          <div>
            <dt>{t('lastSeen')}</dt>
            <dd>{state?.lastSeen ? formatTimestamp(state.lastSeen) : t('neverSeen')}</dd>
          </div>
          <div>
            <dt>{t('location')}</dt>
            <dd>
              {data.buildingName ?? '—'}
              {device.floor != null && ` · ${td('list.floor', { floor: device.floor })}`}
            </dd>
          </div>
          <div>
            <dt>{t('coordinates')}</dt>
            <dd className={styles.mono}>{device.lng != null && device.lat != null ? `${device.lng.toFixed(6)}, ${device.lat.toFixed(6)}` : '—'}</dd>
          </div>
          <div>
            <dt>{t('zone')}</dt>
            <dd>{device.zone ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('firmware')}</dt>
            <dd>{state?.firmware ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('registered')}</dt>
            <dd>{formatDateTime(device.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('deviceId')}</dt>
            <dd className={styles.mono}>{device.id}</dd>
          </div>
          {!!state?.faults?.length && (
            <div>
              <dt>{t('faults')}</dt>
              <dd>
                {state.faults.map((f) => (
                  <span key={f} className="badge badge-danger">
                    {f}
                  </span>
                ))}
              </dd>
            </div>
          )}
        </dl>
      </section>

      {!device.enabled && <Notice kind="info">{t('disabledNotice')}</Notice>}

      <div className={local.chartGrid}>
        <section className="card" data-testid="current-values">
          <h2>{t('valuesTitle')}</h2>
          {(kind?.metrics ?? []).length === 0 ? (
            <p className={local.chartEmpty}>{t('noMetrics')}</p>
          ) : (
            <div className={detail.valueGrid}>
              {kind!.metrics.map((m) => (
                <div key={m.key} className={detail.value}>
                  <strong>{formatMetric(m, values[m.key], tc('yes'), tc('no'))}</strong>
                  <span>{localName(m, locale)}</span>
                </div>
              ))}
            </div>
          )}
          {!state?.lastSeen && (kind?.metrics ?? []).length > 0 && <p className="field-hint" style={{ marginTop: 8 }}>{t('valuesEmpty')}</p>}
        </section>
        <section className="card">
          <div className={detail.chartHead}>
            <h2>{t('trendTitle', { hours: HOURS })}</h2>
            {numeric.length > 1 && (
              <select value={chosen?.key ?? ''} onChange={(e) => setMetric(e.target.value)} aria-label={t('trendMetric')} data-testid="trend-metric">
                {numeric.map((m) => (
                  <option key={m.key} value={m.key}>
                    {localName(m, locale)}
                    {m.unit ? ` (${m.unit})` : ''}
                  </option>
                ))}
              </select>
            )}
          </div>
          {!chosen ? (
            <p className={local.chartEmpty}>{t('trendNoNumeric')}</p>
          ) : points.length === 0 ? (
            <p className={local.chartEmpty}>{t('trendEmpty')}</p>
          ) : (
            <LineChart
              points={points}
              from={now - HOURS * 3600_000}
              to={now}
              unit={chosen.unit}
              ariaLabel={t('trendAria', { metric: localName(chosen, locale), hours: HOURS })}
              formatTime={formatClock}
              formatTooltipTime={(x) => formatTimestamp(new Date(x))}
              format={formatNumber}
            />
          )}
        </section>
      </div>

      {canControl && kind && (
        <CommandPanel
          tenant={tenant}
          deviceId={deviceId}
          commands={kind.commands}
          enabled={device.enabled}
          onSent={(id) => {
            setFresh((s) => new Set(s).add(id));
            setCmdPage(1);
            invalidateCommands();
          }}
        />
      )}

      <section className="card" data-testid="command-history">
        <h2>{t('commandsTitle')}</h2>
        {commands.error && <Notice>{errorText(commands.error, locale)}</Notice>}
        {commands.data && commands.data.total === 0 ? (
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
            {commands.data && commands.data.total > COMMAND_PAGE && <Pager page={commands.data.page} pageSize={COMMAND_PAGE} total={commands.data.total} onPage={setCmdPage} />}
          </>
        )}
      </section>

      <div className={local.chartGrid}>
        <section className="card" data-testid="device-alarms">
          <div className={styles.cardHead}>
            <h2>{t('alarmsTitle')}</h2>
            <Link href={`/c/${tenant}/alarms`}>{t('allAlarms')}</Link>
          </div>
          {data.alarms.length === 0 ? (
            <p className={local.chartEmpty}>{t('alarmsEmpty')}</p>
          ) : (
            <div className={`table-wrap ${styles.table}`}>
              <table>
                <thead>
                  <tr>
                    <th>{t('col.time')}</th>
                    <th>{t('col.severity')}</th>
                    <th>{t('col.title')}</th>
                    <th>{t('col.state')}</th>
                    <th className="num">{t('col.occurrences')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.alarms.map((a) => (
                    <tr key={a.id}>
                      <td className={styles.nowrap}>{formatDateTime(a.raisedAt)}</td>
                      <td>
                        <SeverityBadge severity={a.severity} />
                      </td>
                      <td className={detail.minw}>
                        {locale === 'en' ? a.titleEn : a.titleZh}
                        {a.value != null && <span className={local.small}> · {formatNumber(a.value)}</span>}
                      </td>
                      <td>
                        <AlarmStateBadge state={a.state} />
                      </td>
                      <td className="num">{a.occurrences}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="card" data-testid="device-events">
          <h2>{t('eventsTitle')}</h2>
          {data.events.length === 0 ? (
            <p className={local.chartEmpty}>{t('eventsEmpty')}</p>
          ) : (
            <div className={`table-wrap ${styles.table}`}>
              <table>
                <thead>
                  <tr>
                    <th>{t('col.time')}</th>
                    <th>{t('col.event')}</th>
                    <th>{t('col.data')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.events.map((e, i) => (
                    <tr key={`${new Date(e.ts).getTime()}-${i}`}>
                      <td className={styles.nowrap}>{formatTimestamp(e.ts)}</td>
                      <td className={detail.minw}>{eventName(e.event)}</td>
                      <td className={detail.data}>{e.data && Object.keys(e.data).length ? JSON.stringify(e.data) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      {confirm && (
        <ConfirmDialog
          title={confirm === 'rotate' ? t('rotateTitle') : confirm === 'disable' ? t('disableTitle') : t('enableTitle')}
          body={confirm === 'rotate' ? t('rotateBody') : confirm === 'disable' ? t('disableBody') : t('enableBody')}
          confirm={confirm === 'rotate' ? t('rotate') : confirm === 'disable' ? t('disable') : t('enable')}
          danger={confirm !== 'enable'}
          busy={setEnabled.isPending || rotate.isPending}
          error={mutationError ? errorText(mutationError, locale) : null}
          onClose={() => {
            setConfirm(null);
            setEnabled.reset();
            rotate.reset();
          }}
          onConfirm={() => (confirm === 'rotate' ? rotate.mutate({ tenant, deviceId }) : setEnabled.mutate({ tenant, deviceId, enabled: confirm === 'enable' }))}
        />
      )}
      {editing && (
        <EditDeviceDialog
          tenant={tenant}
          device={device}
          kindName={catalog.kindName(device.kind)}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            invalidateDetail();
            void queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() });
          }}
        />
      )}
      {secret && <SecretsDialog tenantId={tenantId} secrets={[secret]} rotated onClose={() => setSecret(null)} />}
    </>
  );
}

/** Later states win over a stale list row (queued → published → acked/failed/expired). */
function rank(state: string): number {
  return state === 'queued' ? 0 : state === 'published' ? 1 : 2;
}
