'use client';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { BarChart } from '@/components/charts/bar-chart';
import { Notice, Stat } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import local from './devices.module.css';
import { ENERGY_KINDS, formatNumber, lastDays, type DeviceKind } from './lib';

/** Stat cards, online per kind and 7-day energy use per utility (R5.3.3, R6.4.5). */
export function DeviceOverview({ tenant, kindName, byKind }: { tenant: string; kindName: (kind: string) => string; byKind: Map<string, DeviceKind> }) {
  const t = useTranslations('devices.overview');
  const locale = useLocale();
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.devices.stats.queryOptions({ tenant }), refetchInterval: 60_000 });
  const s = stats.data;
  if (stats.error) return <Notice>{errorText(stats.error, locale)}</Notice>;

  const total = s?.totals.total ?? 0;
  const online = s?.totals.online ?? 0;
  const openAlarms = s?.byKind.reduce((a, r) => a + r.open_alarms, 0) ?? 0;
  const rows = [...(s?.byKind ?? [])].sort((a, b) => b.total - a.total);
  const days = lastDays(7);
  const dayLabel = (d: string) => d.slice(5);
  const energy = s?.energyByKind ?? {};
  const anyEnergy = ENERGY_KINDS.some((k) => Object.keys(energy[k] ?? {}).length > 0);

  return (
    <>
      <div className="stats" data-testid="device-stats">
        <Stat label={t('devices')} value={s ? formatNumber(total) : '…'} />
        <Stat label={t('onlineRate')} value={s ? (total ? `${Math.round((online / total) * 100)}%` : '—') : '…'} hint={s ? t('onlineOf', { online, total }) : undefined} />
        <Stat label={t('openAlarms')} value={s ? formatNumber(openAlarms) : '…'} />
        <Stat label={t('kinds')} value={s ? rows.length : '…'} />
      </div>
      <div className={local.chartGrid}>
        <section className="card">
          <h2>{t('byKindTitle')}</h2>
          {rows.length === 0 ? (
            <p className={local.chartEmpty}>{s ? t('byKindEmpty') : '…'}</p>
          ) : (
            <BarChart
              orientation="horizontal"
              overlay
              showValues
              ariaLabel={t('byKindAria')}
              categories={rows.map((r) => ({ key: r.kind, label: kindName(r.kind) }))}
              series={[
                { key: 'total', label: t('total'), color: '#cfe3e1', values: rows.map((r) => r.total) },
                { key: 'online', label: t('online'), color: 'var(--brand)', values: rows.map((r) => r.online) },
              ]}
            />
          )}
        </section>
        <section className="card">
          <h2>{t('energyTitle')}</h2>
          {!anyEnergy ? (
            <p className={local.chartEmpty} data-testid="energy-empty">
              {s ? t('energyEmpty') : '…'}
            </p>
          ) : (
            <div className={local.energyGrid}>
              {ENERGY_KINDS.map((kind) => {
                const unit = byKind.get(kind)?.metrics[0]?.unit ?? '';
                const values = days.map((d) => energy[kind]?.[d] ?? 0);
                const sum = values.reduce((a, b) => a + b, 0);
                return (
                  <div key={kind}>
                    <p className={local.energyTitle}>
                      {kindName(kind)}
                      <span>
                        {t('sum7', { value: formatNumber(sum), unit })}
                      </span>
                    </p>
                    {Object.keys(energy[kind] ?? {}).length === 0 ? (
                      <p className={local.chartEmpty}>{t('energyKindEmpty')}</p>
                    ) : (
                      <BarChart
                        height={110}
                        ariaLabel={t('energyAria', { kind: kindName(kind), unit })}
                        categories={days.map((d) => ({ key: d, label: dayLabel(d) }))}
                        series={[{ key: kind, label: unit, color: 'var(--brand)', values }]}
                        format={(v) => `${formatNumber(v)}`}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </section>
      </div>
    </>
  );
}
