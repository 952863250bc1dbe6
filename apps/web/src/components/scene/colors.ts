/** Colours of the scene (CSS strings): fixed for known values so every screen reads the same. */
export type ColorMode = 'occupancy' | 'state' | 'use';

const STATE: Record<string, string> = {
  occupied: '#4caf6a',
  rented: '#4a7fd6',
  vacant: '#c9c9c9',
  unknown: '#efe3b8',
  stair: '#736b66',
};

const USE: Record<string, string> = {
  residential: '#d8d4c6',
  commercial: '#8fa7e6',
  rental: '#7fc3d6',
  office: '#9bbfd9',
  public: '#e6c07f',
  mixed: '#c7a6d9',
  stair: '#736b66',
};

export function hashColor(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return `hsl(${(h >>> 0) % 360} 45% 62%)`;
}

export const stateColor = (s: string) => STATE[s] ?? hashColor(s);
export const useColor = (u: string) => USE[u] ?? hashColor(u);

/** Occupancy rate 0..1 → red (empty) … amber … green (full); grey when a building has no households. */
export function occupancyColor(rate: number | null): string {
  if (rate === null) return '#d9d9d9';
  const r = Math.max(0, Math.min(1, rate));
  const hue = Math.round(r * 120);
  return `hsl(${hue} 55% 55%)`;
}

export const OCCUPANCY_STEPS = [0, 0.25, 0.5, 0.75, 1] as const;
export const SELECTED = '#ffd400';
export const ALARM = '#e53935';
export const ONLINE = '#2e9d57';
export const OFFLINE = '#8a8f98';
/** Open hazard cases: orange; past their due time: magenta (distinct from a device alarm's red). */
export const CASE_OPEN = '#f08c00';
export const CASE_OVERDUE = '#c2255c';
