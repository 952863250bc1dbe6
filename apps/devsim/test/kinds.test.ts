import { describe, expect, it } from 'vitest';
import { CATALOG, decodeUp } from '@linli/iot';
import { behaviour, initialState, readMetrics, type SimDeviceInfo } from '../src/kinds';
import { hourOf, lightsOn, pm25, climateAt, isBadAirDay } from '../src/patterns';
import { randomPlate } from '../src/plates';
import { intervalFor } from '../src/simulator';

const info = (kind: string, n: number, extra: Partial<SimDeviceInfo> = {}): SimDeviceInfo => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  tenantId: '11111111-1111-4111-8111-111111111111',
  tenant: 'moma',
  kind,
  code: `X-${String(n).padStart(3, '0')}`,
  name: kind,
  zone: null,
  buildingCode: null,
  floor: null,
  lng: 116.43,
  lat: 39.95,
  tenantLat: 39.95,
  ...extra,
});

const HOUR = 3_600_000;
// A year of readings, every 7 hours and 13 minutes (so every hour of the day comes round).
const STEPS = Array.from({ length: 1300 }, (_, i) => Date.UTC(2026, 0, 1) + i * (7 * HOUR + 13 * 60_000));

describe('simulated readings', () => {
  it('stay inside the catalog for every kind, hour and season (north and south)', () => {
    for (const kind of Object.keys(CATALOG)) {
      for (const lat of [39.95, 31.03]) {
        const d = info(kind, 1, { tenantLat: lat });
        const s = initialState();
        for (const ts of STEPS) {
          const metrics = readMetrics(d, s, ts);
          if (!metrics) continue;
          const r = decodeUp('telemetry', JSON.stringify({ ts, seq: 1, metrics }), d, ts);
          expect(r.ok ? 'ok' : `${kind} @ ${new Date(ts).toISOString()}: ${r.detail}`).toBe('ok');
        }
      }
    }
  });

  it('emits only valid events, with the data the catalog requires', () => {
    const seen = new Set<string>();
    for (const kind of Object.keys(CATALOG)) {
      const b = behaviour(kind);
      if (!b.events) continue;
      for (const zone of [null, 'gate']) {
        const d = info(kind, 3, { zone });
        for (const ts of STEPS.slice(0, 200)) {
          for (const e of b.events(d, initialState(), ts, 2 * HOUR, 5)) {
            const r = decodeUp('event', JSON.stringify({ ts, seq: 1, ...e }), d, ts);
            expect(r.ok ? 'ok' : `${kind}.${e.event}: ${r.detail}`).toBe('ok');
            seen.add(`${kind}.${e.event}`);
          }
        }
      }
    }
    for (const e of ['access_gate.granted', 'parking_barrier.entry', 'parking_barrier.exit', 'patrol_point.checked_in', 'intercom.call', 'camera_ai.crowd']) expect(seen).toContain(e);
  });

  it('cumulative meters only rise, faster at the evening peak than at night', () => {
    const d = info('meter_electricity', 5);
    const read = (ts: number) => readMetrics(d, initialState(), ts)!.energy as number;
    let last = 0;
    for (const ts of STEPS) {
      const v = read(ts);
      expect(v).toBeGreaterThan(last);
      last = v;
    }
    const day = Date.UTC(2026, 4, 12) - 8 * HOUR; // local midnight
    const night = read(day + 4 * HOUR) - read(day + 3 * HOUR);
    const evening = read(day + 21 * HOUR) - read(day + 20 * HOUR);
    expect(evening).toBeGreaterThan(2.5 * night);
  });

  it('street lights follow dusk and dawn and obey a switch until the schedule turns', () => {
    const d = info('street_light', 7);
    const day = Date.UTC(2026, 2, 20) - 8 * HOUR;
    expect(readMetrics(d, initialState(), day + 12 * HOUR)).toMatchObject({ on: false });
    expect(readMetrics(d, initialState(), day + 21 * HOUR)).toMatchObject({ on: true, dim: 100 });
    expect(readMetrics(d, initialState(), day + 26 * HOUR)).toMatchObject({ on: true, dim: 60 });
    expect(lightsOn(day + 17 * HOUR)).toBe(false);
    const s = initialState();
    behaviour('street_light').command!(d, s, 'switch', { on: true }, day + 12 * HOUR);
    expect(readMetrics(d, s, day + 12.5 * HOUR)).toMatchObject({ on: true, dim: 100 });
    behaviour('street_light').command!(d, s, 'dim', { level: 30 }, day + 13 * HOUR);
    const m = readMetrics(d, s, day + 13.1 * HOUR)!;
    expect(m).toMatchObject({ on: true, dim: 30 });
    expect(m.power).toBeGreaterThan(25);
    expect(m.power).toBeLessThan(50);
    // Dusk hands control back to the schedule.
    expect(readMetrics(d, s, day + 20 * HOUR)).toMatchObject({ on: true, dim: 100 });
  });

  it('PM2.5 peaks at rush hour, and smog days are deterministic', () => {
    const c = climateAt(39.95);
    const clean = STEPS.map((ts) => ts - (ts % (24 * HOUR))).find((ts) => !isBadAirDay(ts) && !isBadAirDay(ts + 24 * HOUR))!;
    const at = (h: number) => clean + (h - 8) * HOUR;
    expect(hourOf(at(8))).toBeCloseTo(8);
    expect(pm25(at(8), c)).toBeGreaterThan(pm25(at(14), c));
    expect(pm25(at(19), c)).toBeGreaterThan(pm25(at(14), c));
    const days = Array.from({ length: 70 }, (_, i) => Date.UTC(2026, 0, 1) + i * 24 * HOUR);
    const bad = days.filter(isBadAirDay).length;
    expect(bad).toBeGreaterThan(3);
    expect(bad).toBeLessThan(20);
  });

  it('plates look like 京A·12345 and cadences stay within 10–30 s at speed 1', () => {
    for (let i = 0; i < 200; i++) expect(randomPlate('京')).toMatch(/^[京冀津晋鲁][A-Z]·[0-9A-Z]{5,6}$/);
    for (const [kind, def] of Object.entries(CATALOG)) {
      const ms = intervalFor(kind, 1);
      expect(ms).toBeGreaterThanOrEqual(10_000);
      expect(ms).toBeLessThanOrEqual(Math.min(30_000, def.heartbeatSeconds * 1000));
      expect(intervalFor(kind, 0.01)).toBeLessThanOrEqual(def.heartbeatSeconds * 1000);
    }
  });
});
