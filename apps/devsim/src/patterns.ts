/**
 * Daily and seasonal patterns in Asia/Shanghai time (UTC+8, no daylight saving). Everything is a
 * function of the wall clock and a device's stable hash, so a restarted simulator carries on
 * where it left off: cumulative meters never run backwards and nothing needs to be persisted.
 */
import { createHash } from 'node:crypto';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;
/** Meters count from here (2024-01-01 00:00 in Shanghai). */
const METER_EPOCH = Date.UTC(2024, 0, 1) - SHANGHAI_OFFSET;

/** Fractional hour of the day in Shanghai, 0 ≤ h < 24. */
export function hourOf(ts: number): number {
  return (((ts + SHANGHAI_OFFSET) % DAY) + DAY) % DAY / HOUR;
}

/** Days since 1970-01-01 in Shanghai (an integer, changes at local midnight). */
export function dayOf(ts: number): number {
  return Math.floor((ts + SHANGHAI_OFFSET) / DAY);
}

/** Day of the year, 0…365. */
export function dayOfYear(ts: number): number {
  const d = new Date(ts + SHANGHAI_OFFSET);
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY);
}

/** A stable number in [0, 1) for a string (device id + salt). */
export function unit(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('/')).digest().readUInt32BE(0) / 4294967296;
}

/** Gaussian-shaped bump centred on `center` hours, wrapping around midnight. */
export function bump(h: number, center: number, width: number): number {
  let d = Math.abs(h - center);
  if (d > 12) d = 24 - d;
  return Math.exp(-((d / width) ** 2) / 2);
}

/** 0 at night, 1 in the day, smooth edges around 06:30 and 22:30. */
export function daytime(h: number): number {
  const up = 1 / (1 + Math.exp(-(h - 6.5) * 2.5));
  const down = 1 / (1 + Math.exp((h - 22.5) * 2.5));
  return up * down;
}

export function noise(amplitude: number): number {
  return (Math.random() * 2 - 1) * amplitude;
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** Household demand (electricity, water, gas) relative to the daily mean: morning and evening peaks. */
export function demand(h: number): number {
  return 0.25 + 0.9 * bump(h, 7.8, 1.0) + 1.1 * bump(h, 20, 1.6) + 0.35 * bump(h, 12.3, 1.2) + 0.15 * daytime(h);
}

// Cumulative demand per minute of the day, so a meter's total is a closed-form function of time.
const MINUTE_TABLE: number[] = [0];
for (let m = 0; m < 1440; m++) MINUTE_TABLE.push(MINUTE_TABLE[m]! + demand((m + 0.5) / 60) / 60);
const DAY_DEMAND = MINUTE_TABLE[1440]!;

function demandSinceMidnight(h: number): number {
  const m = Math.floor(h * 60);
  return MINUTE_TABLE[m]! + (h * 60 - m) * (demand(h) / 60);
}

/**
 * Demand-hours since the meter epoch, each day weighted by `weight(day)` (heating season etc.).
 * Multiply by a device's scale (units per demand-hour) for a reading that only ever rises.
 */
export function cumulativeDemand(ts: number, weight: (day: number) => number = () => 1): number {
  const first = dayOf(METER_EPOCH);
  const today = dayOf(ts);
  let total = 0;
  for (let d = first; d < today; d++) total += weight(d) * DAY_DEMAND;
  return total + weight(today) * demandSinceMidnight(hourOf(ts));
}

/** Share of today's demand used between `from` and `to` hours (0 < from < to ≤ 24). */
export function demandShare(from: number, to: number): number {
  return (demandSinceMidnight(to) - demandSinceMidnight(from)) / DAY_DEMAND;
}

/** Beijing-like north or Shanghai-like south, from the community's latitude. */
export interface Climate {
  north: boolean;
}

export function climateAt(lat: number): Climate {
  return { north: lat > 35 };
}

const seasonal = (doy: number, peakDay: number) => Math.cos((2 * Math.PI * (doy - peakDay)) / 365);

/** Air temperature: seasonal mean, a day-to-day swing, and a daily sine peaking mid-afternoon. */
export function airTemperature(ts: number, c: Climate): number {
  const doy = dayOfYear(ts);
  const mean = c.north ? 12.5 : 16.5;
  const amp = c.north ? 15.5 : 12;
  const daily = c.north ? 5 : 3.5;
  const swing = (unit('temp', dayOf(ts)) - 0.5) * 4;
  return mean + amp * seasonal(doy, 200) + swing + daily * Math.cos((2 * Math.PI * (hourOf(ts) - 14.5)) / 24);
}

export function humidity(ts: number, c: Climate): number {
  const base = (c.north ? 50 : 72) + (c.north ? 18 : 8) * seasonal(dayOfYear(ts), 200);
  return clamp(base - 12 * Math.cos((2 * Math.PI * (hourOf(ts) - 14.5)) / 24) + (rainRate(ts, c) > 0 ? 15 : 0), 12, 98);
}

export function airPressure(ts: number, c: Climate): number {
  return (c.north ? 1014 : 1013) + 10 * seasonal(dayOfYear(ts), 15) - 1.2 * Math.cos((2 * Math.PI * (hourOf(ts) - 4)) / 12);
}

/** A deterministic rainy day (more often in summer) rains in two spells. */
export function rainRate(ts: number, c: Climate): number {
  const day = dayOf(ts);
  const chance = (c.north ? 0.15 : 0.25) + (c.north ? 0.15 : 0.1) * seasonal(dayOfYear(ts), 200);
  if (unit('rain', day) >= chance) return 0;
  const h = hourOf(ts);
  const spell = Math.max(bump(h, 6 + unit('rain-a', day) * 6, 1.2), bump(h, 14 + unit('rain-b', day) * 8, 1.5));
  return spell < 0.3 ? 0 : round(spell * (3 + unit('rain-i', day) * 9), 1);
}

/** Roughly one day in seven is a smog day (deterministic, the same for every station). */
export function isBadAirDay(ts: number): boolean {
  return unit('bad-air', dayOf(ts)) < 1 / 7;
}

/** PM2.5: a daily background, rush-hour traffic, a night inversion, and the occasional smog day. */
export function pm25(ts: number, c: Climate): number {
  const h = hourOf(ts);
  const day = dayOf(ts);
  const background = (c.north ? 25 : 20) + unit('pm-bg', day) * (c.north ? 30 : 25);
  const traffic = 18 * bump(h, 8, 1.2) + 22 * bump(h, 18.8, 1.8) + 8 * bump(h, 1.5, 2.5);
  const smog = isBadAirDay(ts) ? (c.north ? 95 : 60) * (0.8 + 0.4 * bump(h, 21, 6)) : 0;
  const washout = rainRate(ts, c) > 0 ? 0.5 : 1;
  return (background + traffic + smog) * washout;
}

/** Street noise in dB(A): quiet nights, busy days, louder at rush hours. */
export function streetNoise(ts: number): number {
  const h = hourOf(ts);
  return 39 + 15 * daytime(h) + 7 * bump(h, 8, 1.1) + 7 * bump(h, 18.5, 1.5);
}

/** Hours of dusk and dawn: lights on about 15 min after sunset, off about 15 min before sunrise. */
export function lightSchedule(ts: number): { dusk: number; dawn: number } {
  const s = Math.sin((2 * Math.PI * (dayOfYear(ts) - 80)) / 365);
  return { dusk: 18.4 + 1.3 * s, dawn: 6.0 - 1.2 * s };
}

export function lightsOn(ts: number): boolean {
  const h = hourOf(ts);
  const { dusk, dawn } = lightSchedule(ts);
  return h >= dusk || h < dawn;
}

/** Scheduled dimming: full until 23:00, 60 % in the small hours, full again before dawn. */
export function scheduledDim(ts: number): number {
  const h = hourOf(ts);
  return h >= 23 || h < 5 ? 60 : 100;
}

/** Hours since the last collection (07:00 and 19:00). */
export function hoursSinceCollection(ts: number): number {
  const h = hourOf(ts);
  if (h >= 7 && h < 19) return h - 7;
  return h >= 19 ? h - 19 : h + 5;
}

/** Poisson-distributed count with mean `lambda` (small lambdas only). */
export function poisson(lambda: number): number {
  if (lambda <= 0) return 0;
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = Math.random();
  while (p > limit && k < 50) {
    k++;
    p *= Math.random();
  }
  return k;
}

export function heatingSeason(day: number, c: Climate): boolean {
  if (!c.north) return false;
  // Beijing heats from 15 November to 15 March.
  const doy = dayOfYear(day * DAY - SHANGHAI_OFFSET + HOUR);
  return doy >= 318 || doy < 74;
}
