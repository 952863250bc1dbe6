import type { DeviceKind } from './types';
import { checkParams, type Bilingual } from './params';
import { accessGate, intercom } from './access';
import { broadcastZone, infoScreen } from './communication';
import { meterElectricity, meterGas, meterHeat, meterWater } from './energy';
import { environment } from './environment';
import { firePanel, smokeDetector } from './fire';
import { gasDetector, gasValve } from './gas';
import { streetLight } from './lighting';
import { parkingBarrier } from './parking';
import { patrolPoint } from './patrol';
import { powerMeter } from './power';
import { trashBin } from './sanitation';
import { cameraAi, perimeter } from './security';
import { tankLevel, waterFlow, waterPressure, waterQuality } from './water';

export type { CommandDef, DeviceKind, EventDef, Family, MetricDef, ParamDef } from './types';
export type { Bilingual } from './params';

const KINDS: DeviceKind[] = [
  waterQuality,
  waterFlow,
  waterPressure,
  tankLevel,
  powerMeter,
  gasDetector,
  gasValve,
  streetLight,
  smokeDetector,
  firePanel,
  trashBin,
  environment,
  meterElectricity,
  meterWater,
  meterGas,
  meterHeat,
  accessGate,
  intercom,
  parkingBarrier,
  cameraAi,
  perimeter,
  patrolPoint,
  broadcastZone,
  infoScreen,
];

export const CATALOG: Record<string, DeviceKind> = Object.fromEntries(KINDS.map((k) => [k.kind, k]));

export function deviceKind(kind: string): DeviceKind | undefined {
  // hasOwn: a kind named "constructor" or "__proto__" must not resolve to Object.prototype.
  return Object.hasOwn(CATALOG, kind) ? CATALOG[kind] : undefined;
}

export function validateCommand(
  kind: string,
  name: string,
  params: unknown,
): { ok: true } | { ok: false; reason: Bilingual } {
  const def = deviceKind(kind);
  if (!def) return { ok: false, reason: { zh: `未知设备类型 ${kind}`, en: `Unknown device kind ${kind}` } };
  const command = def.commands.find((c) => c.key === name);
  if (!command) {
    return { ok: false, reason: { zh: `${def.nameZh}不支持指令 ${name}`, en: `${def.nameEn} does not support the command ${name}` } };
  }
  const problem = checkParams(command.params, params, { allowUnknown: false });
  return problem ? { ok: false, reason: problem } : { ok: true };
}
