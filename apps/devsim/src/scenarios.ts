/** Faults and alarms on demand, for demos and tests (POST /scenario). */
import type { SimDevice } from './device';
import type { Metrics } from './kinds';
import type { Simulator } from './simulator';

export const SCENARIOS = ['fire', 'gas_leak', 'offline', 'bad_air', 'bin_full', 'intrusion', 'restore'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioRequest {
  tenant: string;
  scenario: string;
  /** Building code (B03): the device is chosen there. */
  building?: string;
  /** Device code (SL-002): exactly this device. */
  device?: string;
  /** How long forced readings last (defaults per scenario). */
  durationSeconds?: number;
}

export interface ScenarioResult {
  ok: true;
  tenant: string;
  scenario: ScenarioName;
  devices: string[];
  note?: string;
}

export class ScenarioError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_SECONDS: Record<ScenarioName, number> = {
  fire: 120,
  gas_leak: 90,
  offline: 0,
  // PM2.5 rules need 30 minutes above the limit before they raise.
  bad_air: 40 * 60,
  bin_full: 30 * 60,
  intrusion: 0,
  restore: 0,
};

function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** Candidates of a kind in the tenant, narrowed by device code or building. */
function candidates(sim: Simulator, req: ScenarioRequest, kinds: string[]): SimDevice[] {
  const inTenant = sim.devices.filter((d) => d.info.tenant === req.tenant);
  if (req.device) {
    const d = inTenant.find((x) => x.info.code === req.device);
    if (!d) throw new ScenarioError(404, `no simulated device ${req.device} in ${req.tenant} / 设备不存在`);
    return [d];
  }
  let found = inTenant.filter((d) => kinds.includes(d.info.kind));
  if (req.building) found = found.filter((d) => d.info.buildingCode === req.building);
  if (!found.length) throw new ScenarioError(404, `no ${kinds.join(' / ')} in ${req.tenant}${req.building ? ` building ${req.building}` : ''} / 没有可用的设备`);
  return found;
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Forces readings for a while, publishes one now and another when it ends. */
async function force(d: SimDevice, metrics: Metrics, seconds: number) {
  const until = Date.now() + seconds * 1000;
  d.state.forced = { metrics, until };
  await d.publishReading();
  d.readingAt(until);
}

export async function runScenario(sim: Simulator, req: ScenarioRequest): Promise<ScenarioResult> {
  if (!req || typeof req.tenant !== 'string' || typeof req.scenario !== 'string') {
    throw new ScenarioError(400, 'body must be JSON {"tenant": "moma", "scenario": "fire", "building"?: "B03"}');
  }
  if (!isScenario(req.scenario)) throw new ScenarioError(400, `unknown scenario ${req.scenario}; one of ${SCENARIOS.join(', ')}`);
  if (!sim.devices.some((d) => d.info.tenant === req.tenant)) throw new ScenarioError(404, `tenant ${req.tenant} has no simulated devices / 该小区没有模拟设备`);
  const seconds = typeof req.durationSeconds === 'number' && req.durationSeconds > 0 ? req.durationSeconds : DEFAULT_SECONDS[req.scenario];
  const scenario = req.scenario;
  const done = (devices: SimDevice[], note?: string): ScenarioResult => {
    sim.log(`scenario ${scenario} in ${req.tenant}: ${devices.map((d) => d.info.code).join(', ')}`);
    return { ok: true, tenant: req.tenant, scenario, devices: devices.map((d) => d.info.code), ...(note ? { note } : {}) };
  };
  const live = (list: SimDevice[]) => {
    const up = list.filter((d) => d.connected && !d.away);
    if (!up.length) throw new ScenarioError(409, `the chosen device is offline / 设备离线`);
    return up;
  };

  switch (scenario) {
    case 'fire': {
      const smoke = pick(live(candidates(sim, req, ['smoke_detector'])));
      await force(smoke, { smoke: 14.5, temperature: 57 }, seconds);
      await smoke.publishEvents([{ event: 'smoke_alarm' }]);
      // The fire panel starts the pump; sprinkler pressure drops as heads open.
      const panels = sim.devices.filter((d) => d.info.tenant === req.tenant && d.info.kind === 'fire_panel' && d.connected);
      for (const p of panels) await force(p, { pump_running: true, sprinkler_pressure: 0.31 }, seconds);
      return done([smoke, ...panels]);
    }
    case 'gas_leak': {
      const detector = pick(live(candidates(sim, req, ['gas_detector'])));
      await force(detector, { concentration: 35 }, seconds);
      await new Promise((r) => setTimeout(r, 1000));
      await detector.publishEvents([{ event: 'leak' }]);
      // Valves refuse to reopen while the leak lasts.
      for (const v of sim.devices) if (v.info.tenant === req.tenant && v.info.kind === 'gas_valve') v.state.valveLockedUntil = Date.now() + seconds * 1000;
      return done([detector], `concentration 35 %LEL for ${seconds} s, then back to normal (the alarm clears)`);
    }
    case 'offline': {
      const list = req.device || req.building ? candidates(sim, req, ['street_light', 'smoke_detector', 'broadcast_zone', 'access_gate', 'camera_ai']) : candidates(sim, req, ['street_light']);
      const d = pick(live(list));
      d.kill();
      return done([d], 'dropped without DISCONNECT: the broker publishes its last will; POST {"scenario":"restore"} brings it back');
    }
    case 'bad_air': {
      const stations = live(candidates(sim, req, ['environment']));
      for (const s of stations) await force(s, { pm25: 180, pm10: 265 }, seconds);
      return done(stations, `PM2.5 180 µg/m³ for ${Math.round(seconds / 60)} min; the PM2.5 rules raise after 30 min above the limit`);
    }
    case 'bin_full': {
      const bin = pick(live(candidates(sim, req, ['trash_bin'])));
      await force(bin, { fill: 95 }, seconds);
      return done([bin]);
    }
    case 'intrusion': {
      const fence = pick(live(candidates(sim, req, ['perimeter'])));
      await fence.publishEvents([{ event: 'intrusion', data: { segment: fence.info.code } }]);
      return done([fence]);
    }
    case 'restore': {
      const list = sim.devices.filter((d) => d.info.tenant === req.tenant && (!req.device || d.info.code === req.device));
      const back = list.filter((d) => d.away);
      for (const d of list) d.state.forced = null;
      await Promise.all(back.map((d) => d.connect().catch(() => {})));
      await Promise.all(list.filter((d) => d.connected).map((d) => d.publishReading().catch(() => {})));
      return done(back, 'forced readings cleared; devices taken offline reconnected');
    }
  }
}
