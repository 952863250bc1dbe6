'use client';
import { useLocale, useTranslations } from 'next-intl';
import { LineChart } from '@/components/charts/line-chart';
import { formatTimestamp } from '@/lib/datetime';
import local from '../devices.module.css';
import { formatClock, formatMetric, formatNumber, localName, type DeviceDetail, type DeviceKind, type MetricDef } from '../lib';
import detail from './detail.module.css';

/** The latest value of every metric of the device's kind. */
export function CurrentValues({ kind, state }: { kind: DeviceKind | undefined; state: DeviceDetail['state'] }) {
  const t = useTranslations('devices.detail');
  const tc = useTranslations('common');
  const locale = useLocale();
  const values = (state?.values ?? {}) as Record<string, unknown>;
  return (
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
  );
}

/** The chosen numeric metric over the last `hours`, with a picker when the kind has several. */
export function MetricTrend({
  hours,
  numeric,
  chosen,
  points,
  now,
  onMetric,
}: {
  hours: number;
  numeric: MetricDef[];
  chosen: MetricDef | undefined;
  points: { t: number; v: number }[];
  now: number;
  onMetric: (key: string) => void;
}) {
  const t = useTranslations('devices.detail');
  const locale = useLocale();
  return (
    <section className="card">
      <div className={detail.chartHead}>
        <h2>{t('trendTitle', { hours })}</h2>
        {numeric.length > 1 && (
          <select value={chosen?.key ?? ''} onChange={(e) => onMetric(e.target.value)} aria-label={t('trendMetric')} data-testid="trend-metric">
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
          from={now - hours * 3600_000}
          to={now}
          unit={chosen.unit}
          ariaLabel={t('trendAria', { metric: localName(chosen, locale), hours })}
          formatTime={formatClock}
          formatTooltipTime={(x) => formatTimestamp(new Date(x))}
          format={formatNumber}
        />
      )}
    </section>
  );
}
