'use client';
import { useState, type MouseEvent } from 'react';
import { compact, niceTicks, useWidth } from './scale';
import styles from './charts.module.css';

export interface LinePoint {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

interface Props {
  points: LinePoint[];
  ariaLabel: string;
  /** The time span to draw; defaults to the points' own range. */
  from?: number;
  to?: number;
  height?: number;
  color?: string;
  /** Axis label for a time (e.g. 13:00). */
  formatTime: (t: number) => string;
  /** Tooltip label for a time (e.g. 2026-05-01 13:02). */
  formatTooltipTime?: (t: number) => string;
  /** The hovered value (the axis uses short numbers). */
  format?: (v: number) => string;
  unit?: string;
}

/** A dependency-free SVG line chart over time, with a hover read-out of the nearest reading. */
export function LineChart({ points, ariaLabel, from, to, height = 200, color = 'var(--brand)', formatTime, formatTooltipTime = formatTime, format = compact, unit = '' }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const pts = points.filter((p) => Number.isFinite(p.v) && Number.isFinite(p.t));
  const t0 = from ?? Math.min(...pts.map((p) => p.t));
  const t1 = Math.max(to ?? Math.max(...pts.map((p) => p.t)), t0 + 1);
  const vs = pts.map((p) => p.v);
  const ticks = niceTicks(Math.min(...vs), Math.max(...vs), 4);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const axisW = 44;
  const axisH = 20;
  const plotW = Math.max(40, width - axisW - 8);
  const x = (t: number) => axisW + ((t - t0) / (t1 - t0)) * plotW;
  const y = (v: number) => 6 + (1 - (v - lo) / (hi - lo || 1)) * (height - 6);
  const path = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
  const area = pts.length > 1 ? `${path}L${x(pts[pts.length - 1]!.t).toFixed(1)},${y(lo)}L${x(pts[0]!.t).toFixed(1)},${y(lo)}Z` : '';
  const tickCount = Math.max(2, Math.min(7, Math.floor(plotW / 90)));
  const timeTicks = Array.from({ length: tickCount }, (_, i) => t0 + ((t1 - t0) * i) / (tickCount - 1));

  function onMove(e: MouseEvent<SVGSVGElement>) {
    if (!pts.length) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const t = t0 + ((e.clientX - rect.left - axisW) / plotW) * (t1 - t0);
    let best = 0;
    for (let i = 1; i < pts.length; i++) if (Math.abs(pts[i]!.t - t) < Math.abs(pts[best]!.t - t)) best = i;
    setHover(best);
  }
  const h = hover !== null ? pts[hover] : undefined;

  return (
    <div ref={ref} className={styles.chart}>
      <svg width={width} height={height + axisH} role="img" aria-label={ariaLabel} onMouseMove={onMove} onMouseLeave={() => setHover(null)}>
        {ticks.map((tk) => (
          <g key={tk}>
            <line className={styles.grid} x1={axisW} x2={axisW + plotW} y1={y(tk)} y2={y(tk)} />
            <text className={styles.axis} x={axisW - 4} y={y(tk) + 4} textAnchor="end">
              {compact(tk)}
            </text>
          </g>
        ))}
        {timeTicks.map((tt, i) => (
          <text key={tt} className={styles.axis} x={x(tt)} y={height + axisH - 4} textAnchor={i === 0 ? 'start' : i === timeTicks.length - 1 ? 'end' : 'middle'}>
            {formatTime(tt)}
          </text>
        ))}
        {area && <path d={area} fill={color} opacity={0.08} />}
        {pts.length > 1 && <path d={path} fill="none" stroke={color} strokeWidth={1.8} strokeLinejoin="round" />}
        {pts.length <= 60 && pts.map((p) => <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r={2.5} fill={color} />)}
        {h && (
          <g>
            <line x1={x(h.t)} x2={x(h.t)} y1={0} y2={height} stroke="var(--muted)" strokeDasharray="3 3" />
            <circle cx={x(h.t)} cy={y(h.v)} r={4} fill="#fff" stroke={color} strokeWidth={2} />
          </g>
        )}
      </svg>
      {h && (
        <div className={styles.tip} style={{ left: Math.min(Math.max(x(h.t), 70), width - 70), top: y(h.v) - 8 }}>
          {formatTooltipTime(h.t)} · {format(h.v)}
          {unit ? ` ${unit}` : ''}
        </div>
      )}
    </div>
  );
}
