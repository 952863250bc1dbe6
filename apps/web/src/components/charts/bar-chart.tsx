'use client';
import { compact, niceTicks, useWidth } from './scale';
import styles from './charts.module.css';

export interface BarCategory {
  key: string;
  label: string;
}

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  /** One value per category, in the same order. */
  values: number[];
}

interface Props {
  categories: BarCategory[];
  series: BarSeries[];
  /** A sentence describing the chart for screen readers. */
  ariaLabel: string;
  /** 'vertical': columns along the x axis (days); 'horizontal': one row per category (long names). */
  orientation?: 'vertical' | 'horizontal';
  /** Overlay draws the series on top of each other (e.g. online within total) instead of side by side. */
  overlay?: boolean;
  /** Height of the plot for vertical charts; horizontal charts grow with the number of rows. */
  height?: number;
  format?: (value: number) => string;
  /** Show each bar's value at its end (horizontal charts). */
  showValues?: boolean;
}

/** A small dependency-free SVG bar chart that draws at its container's real width. */
export function BarChart({ categories, series, ariaLabel, orientation = 'vertical', overlay = false, height = 180, format = compact, showValues = false }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const integer = series.every((s) => s.values.every((v) => Number.isInteger(v)));
  const ticks = niceTicks(0, max || 1, 4, integer);
  const top = ticks[ticks.length - 1]!;
  const groups = overlay ? 1 : series.length;

  const legend =
    series.length > 1 ? (
      <ul className={styles.legend}>
        {series.map((s) => (
          <li key={s.key}>
            <span className={styles.swatch} style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    ) : null;

  if (orientation === 'horizontal') {
    const labelW = Math.min(160, Math.max(70, width * 0.32));
    const valueText = (i: number) => series.map((s) => format(s.values[i] ?? 0)).join(' / ');
    const valueW = showValues ? 10 + Math.max(0, ...categories.map((_, i) => valueText(i).length * 6.2)) : 8;
    const rowH = overlay ? 22 : 10 + 10 * groups;
    const axisH = 18;
    const plotW = Math.max(40, width - labelW - valueW);
    const h = categories.length * rowH + axisH;
    const x = (v: number) => labelW + (v / top) * plotW;
    return (
      <div ref={ref} className={styles.chart}>
        {legend}
        <svg width={width} height={h} role="img" aria-label={ariaLabel}>
          {ticks.map((tk) => (
            <g key={tk}>
              <line className={styles.grid} x1={x(tk)} x2={x(tk)} y1={0} y2={h - axisH} />
              <text className={styles.axis} x={x(tk)} y={h - 4} textAnchor="middle">
                {format(tk)}
              </text>
            </g>
          ))}
          {categories.map((c, i) => {
            const y0 = i * rowH;
            const barH = overlay ? rowH - 8 : 9;
            return (
              <g key={c.key}>
                <text className={styles.label} x={labelW - 6} y={y0 + rowH / 2 + 4} textAnchor="end">
                  {fit(c.label, labelW - 10)}
                  <title>{c.label}</title>
                </text>
                {series.map((s, si) => {
                  const v = s.values[i] ?? 0;
                  const y = overlay ? y0 + 4 : y0 + 5 + si * 10;
                  return (
                    <rect key={s.key} x={labelW} y={y} width={Math.max(0, x(v) - labelW)} height={barH} rx={2} fill={s.color}>
                      <title>{`${c.label} · ${s.label}: ${format(v)}`}</title>
                    </rect>
                  );
                })}
                {showValues && (
                  <text className={styles.value} x={x(Math.max(0, ...series.map((s) => s.values[i] ?? 0))) + 4} y={y0 + rowH / 2 + 4}>
                    {valueText(i)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
    );
  }

  const axisW = 36;
  const axisH = 20;
  const plotW = Math.max(40, width - axisW - 4);
  const band = plotW / Math.max(1, categories.length);
  const inner = Math.min(band * 0.72, 48);
  const barW = inner / groups;
  const y = (v: number) => 6 + (1 - v / top) * (height - 6);
  // Label every n-th category so labels never overlap.
  const every = Math.max(1, Math.ceil(46 / band));
  return (
    <div ref={ref} className={styles.chart}>
      {legend}
      <svg width={width} height={height + axisH} role="img" aria-label={ariaLabel}>
        {ticks.map((tk) => (
          <g key={tk}>
            <line className={styles.grid} x1={axisW} x2={width} y1={y(tk)} y2={y(tk)} />
            <text className={styles.axis} x={axisW - 4} y={y(tk) + 4} textAnchor="end">
              {format(tk)}
            </text>
          </g>
        ))}
        {categories.map((c, i) => {
          const x0 = axisW + i * band + (band - inner) / 2;
          return (
            <g key={c.key}>
              {series.map((s, si) => {
                const v = s.values[i] ?? 0;
                const bx = overlay ? x0 : x0 + si * barW;
                return (
                  <rect key={s.key} x={bx} y={y(v)} width={Math.max(1, barW - (overlay ? 0 : 1))} height={Math.max(0, y(0) - y(v))} rx={2} fill={s.color}>
                    <title>{`${c.label} · ${s.label}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {i % every === 0 && (
                <text className={styles.axis} x={axisW + i * band + band / 2} y={height + axisH - 4} textAnchor="middle">
                  {c.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Shortens a label to about `px` pixels at 12px (CJK characters are about twice as wide). */
function fit(label: string, px: number): string {
  let w = 0;
  const chars = [...label];
  for (let i = 0; i < chars.length; i++) {
    w += /[\u2E80-\uFFEF]/.test(chars[i]!) ? 12 : 6.6;
    if (w > px) return `${chars.slice(0, Math.max(1, i - 1)).join('')}…`;
  }
  return label;
}
