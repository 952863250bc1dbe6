'use client';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { BarChart } from '@/components/charts/bar-chart';
import { Notice, Stat } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import local from '../devices/devices.module.css';
import { lastDays, SEVERITIES } from '../devices/lib';

/** Open alarms by severity, alarms per day (14 days), alarms by device kind (30 days). */
export function AlarmStats({ tenant, kindName, onSeverity }: { tenant: string; kindName: (kind: string) => string; onSeverity: (severity: string) => void }) {
  const t = useTranslations('devices.alarms.stats');
  const ts = useTranslations('devices.severity');
  const locale = useLocale();
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.devices.alarmStats.queryOptions({ tenant }), refetchInterval: 5000 });
  if (stats.error) return <Notice>{errorText(stats.error, locale)}</Notice>;
  const s = stats.data;
  const bySeverity = new Map((s?.bySeverity ?? []).map((r) => [r.severity, r.n]));
  const days = lastDays(14);
  const byDay = new Map((s?.byDay ?? []).map((r) => [r.day, r.n]));
  const byKind = s?.byKind ?? [];

  return (
    <>
      <div className="stats" data-testid="alarm-stats">
        {[...SEVERITIES].reverse().map((sev) => (
          <button key={sev} type="button" className="stat" style={{ textAlign: 'left', cursor: 'pointer', font: 'inherit' }} onClick={() => onSeverity(sev)} title={t('filterBy')}>
            <div className="stat-value" style={sev === 'critical' && (bySeverity.get(sev) ?? 0) > 0 ? { color: 'var(--danger)' } : undefined}>
              {s ? (bySeverity.get(sev) ?? 0) : '…'}
            </div>
            <div className="stat-label">{t('open', { severity: ts(sev) })}</div>
          </button>
        ))}
      </div>
      <div className={local.chartGrid}>
        <section className="card">
          <h2>{t('perDay')}</h2>
          {s && s.byDay.length === 0 ? (
            <p className={local.chartEmpty}>{t('perDayEmpty')}</p>
          ) : (
            <BarChart
              ariaLabel={t('perDayAria')}
              height={150}
              categories={days.map((d) => ({ key: d, label: d.slice(5) }))}
              series={[{ key: 'n', label: t('alarms'), color: 'var(--danger)', values: days.map((d) => byDay.get(d) ?? 0) }]}
            />
          )}
        </section>
        <section className="card">
          <h2>{t('byKind')}</h2>
          {s && byKind.length === 0 ? (
            <p className={local.chartEmpty}>{t('byKindEmpty')}</p>
          ) : (
            <BarChart
              orientation="horizontal"
              showValues
              ariaLabel={t('byKindAria')}
              categories={byKind.map((r) => ({ key: r.kind, label: kindName(r.kind) }))}
              series={[{ key: 'n', label: t('alarms'), color: 'var(--warn)', values: byKind.map((r) => r.n) }]}
            />
          )}
        </section>
      </div>
    </>
  );
}
