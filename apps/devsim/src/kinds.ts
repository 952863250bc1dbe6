/**
 * What each device kind reports and how it reacts to commands. Values stay inside the catalog's
 * ranges (the bridge rejects anything else); `forced` metrics from a scenario override them.
 */
import {
  airPressure,
  airTemperature,
  bump,
  clamp,
  climateAt,
  cumulativeDemand,
  daytime,
  demand,
  demandShare,
  heatingSeason,
  hourOf,
  hoursSinceCollection,
  humidity,
  lightsOn,
  noise,
  pm25,
  poisson,
  rainRate,
  round,
  scheduledDim,
  streetNoise,
  unit,
  type Climate,
} from './patterns';
import { accessMethod, personRef, randomPlate } from './plates';

export interface SimDeviceInfo {
  id: string;
  tenantId: string;
  tenant: string;
  kind: string;
  code: string;
  name: string;
  zone: string | null;
  buildingCode: string | null;
  floor: number | null;
  lng: number | null;
  lat: number | null;
  /** The community's latitude (climate, plate province). */
  tenantLat: number;
}

export type Metrics = Record<string, number | boolean>;
export interface Emitted {
  event: string;
  data?: Record<string, unknown>;
}

/** Mutable simulated state: what commands and scenarios changed. */
export interface SimState {
  light: { on?: boolean; dim?: number; scheduleOn: boolean } | null;
  valveOpen: boolean;
  /** A gas valve refuses to reopen while its leak lasts. */
  valveLockedUntil: number;
  armed: boolean;
  tripped: boolean;
  playingUntil: number;
  notice: string | null;
  raisedUntil: number;
  doorOpenUntil: number;
  forced: { metrics: Metrics; until: number } | null;
}

export function initialState(): SimState {
  return { light: null, valveOpen: true, valveLockedUntil: 0, armed: true, tripped: false, playingUntil: 0, notice: null, raisedUntil: 0, doorOpenUntil: 0, forced: null };
}

export type CommandOutcome = { ok: true; events?: Emitted[] } | { ok: false; detail: string };

interface Behaviour {
  metrics?: (d: SimDeviceInfo, s: SimState, now: number) => Metrics;
  /** Spontaneous events over the last `dtMs`; `rate` scales how often (the speed factor). */
  events?: (d: SimDeviceInfo, s: SimState, now: number, dtMs: number, rate: number) => Emitted[];
  command?: (d: SimDeviceInfo, s: SimState, name: string, params: Record<string, unknown>, now: number) => CommandOutcome;
}

const climate = (d: SimDeviceInfo): Climate => climateAt(d.tenantLat);
const home = (d: SimDeviceInfo): '京' | '沪' => (d.tenantLat > 35 ? '京' : '沪');
/** Events expected in `dtMs` at `perHour`, scaled by the speed. */
const count = (perHour: number, dtMs: number, rate: number) => poisson((perHour * dtMs * rate) / 3_600_000);
const u = (d: SimDeviceInfo, salt: string) => unit(d.id, salt);

/** Cumulative meter: base + scale × demand-hours since the epoch (monotone across restarts). */
function meter(d: SimDeviceInfo, now: number, base: number, scale: number, weight?: (day: number) => number) {
  return base * (0.5 + u(d, 'base')) + scale * (0.6 + 0.8 * u(d, 'scale')) * cumulativeDemand(now, weight);
}

function streetLight(d: SimDeviceInfo, s: SimState, now: number): Metrics {
  const scheduleOn = lightsOn(now);
  // A manual switch or dim holds until the next dusk or dawn, then the schedule takes over.
  if (s.light && s.light.scheduleOn !== scheduleOn) s.light = null;
  const on = s.light?.on ?? scheduleOn;
  const dim = s.light?.dim ?? (on ? scheduledDim(now) : 0);
  const rated = u(d, 'rated') < 0.5 ? 100 : 150;
  const power = on ? Math.max(0, (rated * dim) / 100 + noise(rated * 0.01)) : 0.4;
  return { on, dim, power: round(power, 1) };
}

const BEHAVIOURS: Record<string, Behaviour> = {
  water_quality: {
    metrics: (d, _s, now) => {
      const h = hourOf(now);
      const air = airTemperature(now, climate(d));
      return {
        residual_chlorine: round(clamp(0.32 + 0.06 * u(d, 'cl') - 0.05 * bump(h, 15, 3) + noise(0.015), 0.1, 0.8), 3),
        turbidity: round(clamp(0.22 + 0.1 * u(d, 'tu') + 0.08 * demand(h) * 0.3 + noise(0.03), 0.05, 0.9), 3),
        ph: round(7.25 + 0.2 * u(d, 'ph') + noise(0.04), 2),
        temperature: round(clamp(8 + (air + 5) * 0.55 + noise(0.1), 2, 30), 1),
      };
    },
  },
  water_flow: {
    metrics: (d, _s, now) => {
      const scale = 18 + 26 * u(d, 'scale');
      return {
        flow: round(Math.max(0, scale * demand(hourOf(now)) * (1 + noise(0.02))), 2),
        total: round(40_000 * (0.5 + u(d, 'base')) + scale * cumulativeDemand(now), 2),
      };
    },
  },
  water_pressure: {
    metrics: (d, _s, now) => ({ pressure: round(clamp(0.3 + 0.03 * u(d, 'p') - 0.035 * demand(hourOf(now)) + noise(0.003), 0.18, 0.45), 3) }),
  },
  tank_level: {
    metrics: (d, _s, now) => {
      const h = hourOf(now);
      // Pumps refill the tank in the small hours; the day's demand draws it down.
      const evening = 88 - 40 * demandShare(5, 24);
      const pct = h >= 5 ? 88 - 40 * demandShare(5, h) : evening + (88 - evening) * (h / 5);
      const height = 3.5 + 1.5 * u(d, 'h');
      const level = clamp(pct + noise(0.3), 0, 100);
      return { level_pct: round(level, 1), level: round((level / 100) * height, 2) };
    },
  },
  power_meter: {
    metrics: (d, s, now) => {
      const scale = 150 + 150 * u(d, 'kw');
      const load = demand(hourOf(now));
      const power = s.tripped ? 0 : scale * load * (1 + noise(0.02));
      const voltage = s.tripped ? 0 : 221.5 - 3 * load + noise(0.8);
      return {
        voltage: round(voltage, 1),
        current: round(s.tripped ? 0 : (power * 1000) / (3 * voltage), 1),
        power: round(power, 2),
        energy: round(20_000 * (0.5 + u(d, 'base')) + scale * cumulativeDemand(now), 1),
        tripped: s.tripped,
      };
    },
    command: (_d, s, name) => {
      s.tripped = name === 'trip';
      return { ok: true };
    },
  },
  gas_detector: {
    metrics: (d) => ({ concentration: round(Math.max(0, 0.3 + 0.8 * u(d, 'gas') + noise(0.25)), 1) }),
  },
  gas_valve: {
    metrics: (_d, s) => ({ open: s.valveOpen }),
    command: (_d, s, name, _p, now) => {
      if (name === 'open' && now < s.valveLockedUntil) return { ok: false, detail: '燃气浓度仍超标，拒绝开阀 / gas still detected nearby; the valve stays closed' };
      s.valveOpen = name === 'open';
      return { ok: true };
    },
  },
  street_light: {
    metrics: (d, s, now) => streetLight(d, s, now),
    command: (_d, s, name, params, now) => {
      const scheduleOn = lightsOn(now);
      const current = s.light ?? { scheduleOn };
      if (name === 'switch') {
        const on = params.on === true;
        s.light = { ...current, scheduleOn, on, dim: on ? (current.dim ?? 100) || 100 : 0 };
      } else {
        s.light = { ...current, scheduleOn, dim: Number(params.level) };
      }
      return { ok: true };
    },
  },
  smoke_detector: {
    metrics: (d, _s, now) => ({
      smoke: round(Math.max(0, 0.05 + noise(0.04)), 2),
      temperature: round(clamp(20 + (airTemperature(now, climate(d)) - 12) * 0.2 + 2 * u(d, 't') + noise(0.2), 12, 32), 1),
      battery: Math.round(55 + 44 * u(d, 'battery')),
    }),
  },
  fire_panel: {
    metrics: (d) => ({ pump_running: false, sprinkler_pressure: round(0.36 + 0.04 * u(d, 'p') + noise(0.004), 3) }),
  },
  trash_bin: {
    metrics: (d, _s, now) => {
      const perHour = 3 + 3.5 * u(d, 'fill');
      return {
        fill: round(clamp(3 + perHour * hoursSinceCollection(now) + noise(0.8), 0, 82), 1),
        tilt: round(1 + 3 * u(d, 'tilt') + noise(0.2), 1),
        lat: d.lat ?? 0,
        lng: d.lng ?? 0,
      };
    },
  },
  environment: {
    metrics: (d, _s, now) => {
      const c = climate(d);
      const local = 0.93 + 0.14 * u(d, 'pm');
      const pm = clamp(pm25(now, c) * local * (1 + noise(0.04)), 3, 600);
      return {
        pm25: Math.round(pm),
        pm10: Math.round(clamp(pm * (1.45 + 0.3 * u(d, 'pm10')) + noise(3), 5, 1200)),
        temperature: round(airTemperature(now, c) + noise(0.2), 1),
        humidity: Math.round(humidity(now, c) + noise(1)),
        pressure: round(airPressure(now, c) + noise(0.2), 1),
        rain: rainRate(now, c),
        noise: round(clamp(streetNoise(now) + 3 * u(d, 'noise') + noise(1.5), 30, 90), 1),
      };
    },
  },
  meter_electricity: {
    metrics: (d, _s, now) => ({ energy: round(meter(d, now, 400_000, 100), 2) }),
  },
  meter_water: {
    metrics: (d, _s, now) => ({ volume: round(meter(d, now, 12_000, 2.9), 3) }),
  },
  meter_gas: {
    metrics: (d, _s, now) => ({ volume: round(meter(d, now, 9_000, 3), 3) }),
  },
  meter_heat: {
    metrics: (d, _s, now) => {
      const c = climate(d);
      const season = (day: number) => (heatingSeason(day, c) ? 1 : 0.04);
      const on = heatingSeason(Math.floor((now + 8 * 3_600_000) / 86_400_000), c);
      const supply = on ? 52 - 0.6 * (airTemperature(now, c) - 0) + noise(0.5) : 28 + noise(0.5);
      return {
        heat: round(meter(d, now, 8_000, 0.6, season), 3),
        supply_temp: round(clamp(supply, 20, 75), 1),
        return_temp: round(clamp(supply - (on ? 12 : 3) + noise(0.4), 15, 65), 1),
      };
    },
  },
  access_gate: {
    metrics: (_d, s, now) => ({ door_open: now < s.doorOpenUntil }),
    events: (d, _s, now, dtMs, rate) => {
      const h = hourOf(now);
      const perHour = (d.buildingCode ? 0.35 : 1) * (3 + 50 * bump(h, 7.8, 0.9) + 40 * bump(h, 18.5, 1.5) + 14 * daytime(h));
      return Array.from({ length: count(perHour, dtMs, rate) }, () => ({
        event: Math.random() < 0.04 ? 'denied' : 'granted',
        data: { method: accessMethod(), personRef: personRef() },
      }));
    },
    command: (_d, s, _name, _p, now) => {
      s.doorOpenUntil = now + 5000;
      return { ok: true };
    },
  },
  intercom: {
    events: (_d, _s, now, dtMs, rate) => {
      const out: Emitted[] = [];
      for (let i = count(1.5 * daytime(hourOf(now)) + 0.05, dtMs, rate); i > 0; i--) {
        out.push({ event: 'call' });
        if (Math.random() < 0.7) out.push({ event: 'unlock' });
      }
      return out;
    },
    command: () => ({ ok: true, events: [{ event: 'unlock' }] }),
  },
  parking_barrier: {
    metrics: (_d, s, now) => ({ raised: now < s.raisedUntil }),
    events: (d, s, now, dtMs, rate) => {
      if (d.zone === 'fire_lane') return []; // kept clear: opens only on command
      const h = hourOf(now);
      const entries = count(2 + 24 * bump(h, 18.5, 1.5) + 6 * daytime(h), dtMs, rate);
      const exits = count(2 + 24 * bump(h, 8, 1.2) + 6 * daytime(h), dtMs, rate);
      const out: Emitted[] = [];
      for (let i = 0; i < entries; i++) out.push({ event: 'entry', data: { plate: randomPlate(home(d)), confidence: round(0.9 + 0.09 * Math.random(), 3) } });
      for (let i = 0; i < exits; i++) out.push({ event: 'exit', data: { plate: randomPlate(home(d)), confidence: round(0.9 + 0.09 * Math.random(), 3) } });
      if (out.length) s.raisedUntil = now + 6000;
      return out;
    },
    command: (d, s, _name, _p, now) => {
      s.raisedUntil = now + 15_000;
      const event = d.zone === 'fire_lane' || Math.random() < 0.5 ? 'entry' : 'exit';
      return { ok: true, events: [{ event, data: { plate: randomPlate(home(d)), confidence: round(0.9 + 0.09 * Math.random(), 3) } }] };
    },
  },
  camera_ai: {
    events: (_d, _s, now, dtMs, rate) => {
      const h = hourOf(now);
      const out: Emitted[] = [];
      if (count(0.25 * daytime(h), dtMs, rate)) out.push({ event: h > 9 && h < 18 ? 'crowd' : 'loitering' });
      if (count(0.1, dtMs, rate)) out.push({ event: 'garbage_overflow' });
      if (count(0.04 * daytime(h), dtMs, rate)) {
        out.push({ event: ['ebike_in_elevator', 'illegal_charging', 'high_altitude_throwing', 'fall'][Math.floor(Math.random() * 4)]! });
      }
      return out;
    },
  },
  perimeter: {
    metrics: (_d, s) => ({ armed: s.armed }),
    command: (_d, s, name) => {
      s.armed = name === 'arm';
      return { ok: true };
    },
  },
  patrol_point: {
    events: (d, _s, now, dtMs) => {
      // A round every two hours; point n is reached about 4 minutes after point n−1.
      const n = Number(/(\d+)$/.exec(d.code)?.[1] ?? 1);
      const out: Emitted[] = [];
      const from = now - dtMs;
      const hour = 3_600_000;
      for (let start = Math.floor(from / (2 * hour)) * 2 * hour; start <= now; start += 2 * hour) {
        const at = start + (3 + 4 * (n - 1) + 2 * unit(d.id, start)) * 60_000;
        if (at > from && at <= now) out.push({ event: 'checked_in', data: { guardRef: `guard-${1 + (Math.floor(start / (2 * hour)) % 3)}` } });
      }
      return out;
    },
  },
  broadcast_zone: {
    metrics: (_d, s, now) => ({ playing: now < s.playingUntil }),
    command: (_d, s, name, params, now) => {
      if (name === 'stop') s.playingUntil = 0;
      else {
        const chars = [...String(params.message ?? '')].length;
        const repeat = Number(params.repeat ?? 1);
        s.playingUntil = now + Math.max(15_000, chars * 250 * repeat);
      }
      return { ok: true };
    },
  },
  info_screen: {
    metrics: (_d, s, now) => ({ on: s.notice !== null || daytime(hourOf(now)) > 0.5 }),
    command: (_d, s, name, params) => {
      s.notice = name === 'publish' ? String(params.title ?? '') : null;
      return { ok: true };
    },
  },
};

export function behaviour(kind: string): Behaviour {
  return BEHAVIOURS[kind] ?? {};
}

/** The reading a device sends now, or null for kinds without metrics. */
export function readMetrics(d: SimDeviceInfo, s: SimState, now: number): Metrics | null {
  const b = behaviour(d.kind);
  if (!b.metrics) return null;
  const metrics = b.metrics(d, s, now);
  if (s.forced && now < s.forced.until) Object.assign(metrics, s.forced.metrics);
  else s.forced = null;
  return metrics;
}
