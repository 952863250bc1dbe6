import styles from './district.module.css';

export interface ChartRow {
  slug: string;
  name: string;
  households: number;
  occupied: number;
  residents: number;
  /** Already formatted for the user's language, e.g. "593 / 616 户 · 96%". */
  valueText: string;
  lng: number | null;
  lat: number | null;
}

const BRAND = '#0b7a75';
const BRAND_LIGHT = '#cfe6e4';
const MUTED = '#616e7c';
const TEXT = '#1f2933';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * One bar per community: the whole bar is its households, the dark part the occupied ones.
 * Drawn at its natural size (never scaled up), so text stays readable on desktop and phone.
 */
export function OccupancyBars({ rows, title, legend }: { rows: ChartRow[]; title: string; legend: { occupied: string; other: string } }) {
  const width = 380;
  const rowH = 46;
  const top = 28;
  const height = top + rows.length * rowH + 4;
  const max = Math.max(1, ...rows.map((r) => r.households));
  const barW = width - 8;
  return (
    <svg className={styles.chart} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} style={{ maxWidth: 520 }}>
      <title>{title}</title>
      <g fontSize="12" fill={MUTED}>
        <rect x="0" y="6" width="12" height="12" rx="2" fill={BRAND} />
        <text x="18" y="16">{legend.occupied}</text>
        <rect x="110" y="6" width="12" height="12" rx="2" fill={BRAND_LIGHT} />
        <text x="128" y="16">{legend.other}</text>
      </g>
      {rows.map((r, i) => {
        const y = top + i * rowH;
        const total = (r.households / max) * barW;
        const occ = r.households ? (r.occupied / r.households) * total : 0;
        return (
          <a key={r.slug} href={`/c/${r.slug}`} className={styles.chartLink}>
            <title>{`${r.name}: ${r.valueText}`}</title>
            <text x="0" y={y + 14} fontSize="13" fill={TEXT} fontWeight={600}>
              {clip(r.name, 20)}
            </text>
            <text x={width} y={y + 14} fontSize="12" fill={MUTED} textAnchor="end">
              {r.valueText}
            </text>
            <rect x="0" y={y + 21} width={barW} height="14" rx="3" fill="#f0f2f5" />
            <rect x="0" y={y + 21} width={Math.max(total, 2)} height="14" rx="3" fill={BRAND_LIGHT} />
            <rect x="0" y={y + 21} width={occ} height="14" rx="3" fill={BRAND} />
          </a>
        );
      })}
    </svg>
  );
}

function niceKm(km: number): number {
  for (const step of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]) if (step >= km) return step;
  return 100;
}

/**
 * Communities placed by longitude/latitude relative to each other (equirectangular, corrected
 * for latitude), dot area by households. Not a base map: a sketch of where things are.
 */
export function CommunityMap({ rows, title, scaleLabel, north }: { rows: ChartRow[]; title: string; scaleLabel: (km: string) => string; north: string }) {
  const width = 380;
  const height = 280;
  const pad = { x: 64, top: 40, bottom: 50 };
  const placed = rows.filter((r): r is ChartRow & { lng: number; lat: number } => r.lng !== null && r.lat !== null);
  const lat0 = placed.length ? placed.reduce((s, r) => s + r.lat, 0) / placed.length : 0;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = placed.map((r) => r.lng * k);
  const ys = placed.map((r) => r.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const innerW = width - 2 * pad.x;
  const innerH = height - pad.top - pad.bottom;
  // One scale for both axes so distances keep their proportions; a lone point sits in the middle.
  const span = Math.max(maxX - minX, (maxY - minY) * (innerW / innerH), 0.004);
  const unit = innerW / span; // px per (corrected) degree
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const px = (r: { lng: number; lat: number }) => ({ x: width / 2 + (r.lng * k - cx) * unit, y: pad.top + innerH / 2 - (r.lat - cy) * unit });
  const maxHh = Math.max(1, ...placed.map((r) => r.households));
  const kmPerPx = 111.32 / unit;
  const km = niceKm(kmPerPx * 90);
  const scalePx = km / kmPerPx;
  return (
    <svg className={styles.chart} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} style={{ maxWidth: 520 }}>
      <title>{title}</title>
      <rect x="0" y="0" width={width} height={height} rx="8" fill="#f3f8f7" />
      {[1, 2, 3].map((i) => (
        <line key={`v${i}`} x1={(width / 4) * i} x2={(width / 4) * i} y1="0" y2={height} stroke="#e1ecea" />
      ))}
      {[1, 2].map((i) => (
        <line key={`h${i}`} y1={(height / 3) * i} y2={(height / 3) * i} x1="0" x2={width} stroke="#e1ecea" />
      ))}
      <g transform={`translate(${width - 26}, 30)`} fill={MUTED} fontSize="11" textAnchor="middle">
        <path d="M0,-16 L6,0 L0,-4 L-6,0 Z" fill={MUTED} />
        <text y="14">{north}</text>
      </g>
      <g transform={`translate(16, ${height - 18})`} fontSize="11" fill={MUTED}>
        <line x1="0" x2={scalePx} y1="0" y2="0" stroke={MUTED} strokeWidth="2" />
        <line x1="0" x2="0" y1="-4" y2="4" stroke={MUTED} strokeWidth="2" />
        <line x1={scalePx} x2={scalePx} y1="-4" y2="4" stroke={MUTED} strokeWidth="2" />
        <text x={scalePx + 6} y="4">
          {scaleLabel(km < 1 ? km.toFixed(1) : String(km))}
        </text>
      </g>
      {placed.map((r) => {
        const { x, y } = px(r);
        const radius = 6 + 12 * Math.sqrt(r.households / maxHh);
        const right = x <= width / 2 + 1;
        return (
          <a key={r.slug} href={`/c/${r.slug}`} className={styles.chartLink}>
            <title>{`${r.name}: ${r.valueText}`}</title>
            <circle cx={x} cy={y} r={radius} fill={BRAND} fillOpacity="0.25" stroke={BRAND} strokeWidth="1.5" />
            <circle cx={x} cy={y} r="3" fill={BRAND} />
            <text x={right ? x + radius + 6 : x - radius - 6} y={y + 4} fontSize="13" fontWeight={600} fill={TEXT} textAnchor={right ? 'start' : 'end'}>
              {clip(r.name, 22)}
            </text>
          </a>
        );
      })}
    </svg>
  );
}

/** Residents per community, one plain bar each (same reading direction as the households chart). */
export function ResidentBars({ rows, title, valueOf }: { rows: ChartRow[]; title: string; valueOf: (r: ChartRow) => string }) {
  const width = 380;
  const rowH = 30;
  const labelW = 120;
  const valueW = 64;
  const height = rows.length * rowH;
  const max = Math.max(1, ...rows.map((r) => r.residents));
  const barW = width - labelW - valueW;
  return (
    <svg className={styles.chart} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} style={{ maxWidth: 520 }}>
      <title>{title}</title>
      {rows.map((r, i) => {
        const y = i * rowH;
        return (
          <a key={r.slug} href={`/c/${r.slug}`} className={styles.chartLink}>
            <title>{`${r.name}: ${valueOf(r)}`}</title>
            <text x="0" y={y + 18} fontSize="13" fill={TEXT}>
              {clip(r.name, 14)}
            </text>
            <rect x={labelW} y={y + 7} width={Math.max((r.residents / max) * barW, 2)} height="14" rx="3" fill="#7fb8b4" />
            <text x={labelW + (r.residents / max) * barW + 6} y={y + 18} fontSize="12" fill={MUTED}>
              {valueOf(r)}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
