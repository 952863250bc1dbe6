import styles from './occupancy-bar.module.css';

/** Occupied share of households as a small bar with the percentage; "—" when there are none. */
export function OccupancyBar({ occupied, households, label }: { occupied: number; households: number; label: string }) {
  const pct = households ? Math.round((occupied / households) * 100) : null;
  return (
    <div className={styles.occ} title={label}>
      <div className="bar" role="img" aria-label={label}>
        <span style={{ width: `${pct ?? 0}%` }} />
      </div>
      <span className={styles.pct}>{pct === null ? '—' : `${pct}%`}</span>
    </div>
  );
}

export const rateOf = (occupied: number, households: number) => (households ? Math.round((occupied / households) * 1000) / 10 : null);
