import { deviceKind } from './catalog/index';
import { checkParams, isPlainObject } from './catalog/params';
import type { EventDef, MetricDef } from './catalog/types';
import type { RejectReason } from './reject-reasons';
import type { Severity } from './severity';
import type { UpChannel } from './topics';
import { isUuid } from './uuid';

export { REJECT_REASONS, type RejectReason } from './reject-reasons';

export const MAX_PAYLOAD_BYTES = 16384;

// Devices buffer readings while the network is down and upload them later, so the past window
// is wide; the future window only absorbs a badly set clock or time zone.
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_TEXT = 64;
const MAX_FAULTS = 32;
const MAX_ACK_DETAIL = 500;

export interface TelemetryMessage {
  channel: 'telemetry';
  ts: number;
  seq: number;
  metrics: Record<string, number | boolean>;
}

export interface EventMessage {
  channel: 'event';
  ts: number;
  seq: number;
  event: string;
  /** The catalog severity of the event, copied so consumers need not look it up again. */
  severity: Severity;
  data?: Record<string, unknown>;
}

export interface StateMessage {
  channel: 'state';
  ts?: number;
  seq?: number;
  online: boolean;
  fw?: string;
  faults?: string[];
}

export interface AckMessage {
  channel: 'ack';
  ts: number;
  seq: number;
  commandId: string;
  ok: boolean;
  detail?: string;
}

export type UpMessage = TelemetryMessage | EventMessage | StateMessage | AckMessage;

export type DecodeResult = { ok: true; message: UpMessage } | { ok: false; reason: RejectReason; detail: string };

/** Thrown inside the decoder only, to keep each check one line; decodeUp turns it into a result. */
class Rejection {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {}
}

function reject(reason: RejectReason, detail: string): never {
  throw new Rejection(reason, detail);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

function byteLength(raw: Uint8Array | string): number {
  if (typeof raw !== 'string') return raw.byteLength;
  // Every UTF-16 unit is at least one UTF-8 byte: skip encoding a string that is already too long.
  return raw.length > MAX_PAYLOAD_BYTES ? raw.length : utf8Encoder.encode(raw).byteLength;
}

function parseJson(raw: Uint8Array | string): Record<string, unknown> {
  const size = byteLength(raw);
  if (size > MAX_PAYLOAD_BYTES) reject('oversized', `${size} bytes, limit ${MAX_PAYLOAD_BYTES}`);
  let json: string;
  try {
    json = typeof raw === 'string' ? raw : utf8.decode(raw);
  } catch {
    return reject('malformed_json', 'payload is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return reject('malformed_json', e instanceof Error ? e.message : 'invalid JSON');
  }
  if (!isPlainObject(value)) reject('schema', 'payload must be a JSON object');
  return value;
}

function timestamp(value: unknown, now: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return reject('schema', 'ts must be a number (epoch milliseconds)');
  if (value > now + MAX_FUTURE_MS) reject('bad_timestamp', `ts ${value} is more than 24 h ahead of ${now}`);
  if (value < now - MAX_AGE_MS) {
    const looksLikeSeconds = value * 1000 >= now - MAX_AGE_MS && value * 1000 <= now + MAX_FUTURE_MS;
    reject('bad_timestamp', `ts ${value} is more than 30 days old${looksLikeSeconds ? ' (looks like seconds; send milliseconds)' : ''}`);
  }
  return value;
}

function sequence(value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) return reject('schema', 'seq must be an integer ≥ 0');
  return value as number;
}

function text(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') return reject('schema', `${field} must be a string`);
  if ([...value].length > maxLength) reject('schema', `${field} is longer than ${maxLength} characters`);
  return value;
}

function metricValue(def: MetricDef, value: unknown): number | boolean {
  if (def.type === 'boolean') {
    if (typeof value !== 'boolean') reject('schema', `metric ${def.key} must be a boolean`);
    return value as boolean;
  }
  // JSON.parse turns 1e999 into Infinity, so "is a number" is not enough.
  if (typeof value !== 'number' || !Number.isFinite(value)) return reject('schema', `metric ${def.key} must be a finite number`);
  if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
    reject('out_of_range', `metric ${def.key} = ${value} ${def.unit} is outside ${def.min ?? '-∞'}…${def.max ?? '∞'}`);
  }
  return value;
}

function decodeTelemetry(body: Record<string, unknown>, metrics: MetricDef[], now: number): TelemetryMessage {
  const ts = timestamp(body.ts, now);
  const seq = sequence(body.seq);
  if (!isPlainObject(body.metrics)) return reject('schema', 'metrics must be an object');
  const entries = Object.entries(body.metrics);
  if (entries.length === 0) reject('schema', 'metrics is empty');
  const out: Record<string, number | boolean> = {};
  for (const [key, value] of entries) {
    const def = metrics.find((m) => m.key === key);
    if (!def) return reject('unknown_metric', `metric ${key} is not defined for this device kind`);
    out[key] = metricValue(def, value);
  }
  return { channel: 'telemetry', ts, seq, metrics: out };
}

function decodeEvent(body: Record<string, unknown>, events: EventDef[], now: number): EventMessage {
  const ts = timestamp(body.ts, now);
  const seq = sequence(body.seq);
  if (typeof body.event !== 'string' || body.event === '') return reject('schema', 'event must be a non-empty string');
  const def = events.find((e) => e.key === body.event);
  if (!def) return reject('unknown_event', `event ${body.event} is not defined for this device kind`);
  const message: EventMessage = { channel: 'event', ts, seq, event: def.key, severity: def.severity };
  if (body.data !== undefined) {
    if (!isPlainObject(body.data)) return reject('schema', 'data must be an object');
    const problem = def.data ? checkParams(def.data, body.data, { allowUnknown: true }) : null;
    if (problem) reject('schema', `data: ${problem.en}`);
    message.data = body.data;
  } else if (def.data && Object.values(def.data).some((p) => p.required)) {
    reject('schema', `event ${def.key} needs data`);
  }
  return message;
}

function decodeState(body: Record<string, unknown>, now: number): StateMessage {
  if (typeof body.online !== 'boolean') return reject('schema', 'online must be a boolean');
  // The broker publishes the last will {"online":false} itself, with no ts or seq.
  const message: StateMessage = { channel: 'state', online: body.online };
  if (body.ts !== undefined) message.ts = timestamp(body.ts, now);
  if (body.seq !== undefined) message.seq = sequence(body.seq);
  if (body.fw !== undefined) message.fw = text(body.fw, 'fw', MAX_TEXT);
  if (body.faults !== undefined) {
    if (!Array.isArray(body.faults) || body.faults.length > MAX_FAULTS) {
      return reject('schema', `faults must be an array of at most ${MAX_FAULTS} strings`);
    }
    message.faults = body.faults.map((f, i) => text(f, `faults[${i}]`, MAX_TEXT));
  }
  return message;
}

function decodeAck(body: Record<string, unknown>, now: number): AckMessage {
  const ts = timestamp(body.ts, now);
  const seq = sequence(body.seq);
  // Tolerate firmware that upper-cases the id it echoes; commands are stored lowercase.
  const commandId = typeof body.commandId === 'string' ? body.commandId.toLowerCase() : undefined;
  if (!isUuid(commandId)) return reject('schema', 'commandId must be a UUID');
  if (typeof body.ok !== 'boolean') return reject('schema', 'ok must be a boolean');
  const message: AckMessage = { channel: 'ack', ts, seq, commandId, ok: body.ok };
  if (body.detail !== undefined) message.detail = text(body.detail, 'detail', MAX_ACK_DETAIL);
  return message;
}

/**
 * Validates one up message against the device's catalog entry. Unknown top-level fields are
 * ignored (newer firmware may add some) and dropped from the result.
 */
export function decodeUp(channel: UpChannel, raw: Uint8Array | string, device: { kind: string }, now: number): DecodeResult {
  try {
    const kind = deviceKind(device.kind);
    if (!kind) return { ok: false, reason: 'unknown_device', detail: `device kind ${device.kind} is not in the catalog` };
    const body = parseJson(raw);
    switch (channel) {
      case 'telemetry':
        return { ok: true, message: decodeTelemetry(body, kind.metrics, now) };
      case 'event':
        return { ok: true, message: decodeEvent(body, kind.events, now) };
      case 'state':
        return { ok: true, message: decodeState(body, now) };
      case 'ack':
        return { ok: true, message: decodeAck(body, now) };
      default:
        return { ok: false, reason: 'bad_topic', detail: `unknown channel ${String(channel)}` };
    }
  } catch (e) {
    if (e instanceof Rejection) return { ok: false, reason: e.reason, detail: e.detail };
    throw e;
  }
}

export interface CommandPayload {
  commandId: string;
  name: string;
  params: Record<string, unknown>;
  ts: number;
  expiresAt: number;
}

/**
 * A barrier that lifts or a door that unlocks minutes after the operator clicked is a security
 * hole, so commands expire quickly and devices must drop them after `expiresAt`.
 */
export const DEFAULT_COMMAND_TTL_SECONDS = 30;

/**
 * Builds the JSON body for `commandTopic()`. Check the command against the device's kind with
 * `validateCommand` first; this only guards the envelope. Throws on a programming error.
 */
export function commandPayload(input: {
  commandId: string;
  name: string;
  params?: Record<string, unknown>;
  now: number;
  ttlSeconds?: number;
  expiresAt?: number;
}): CommandPayload {
  const { commandId, name, params = {}, now } = input;
  if (!isUuid(commandId)) throw new RangeError(`commandId must be a lowercase UUID: ${JSON.stringify(commandId)}`);
  if (name === '') throw new RangeError('command name is empty');
  if (!Number.isFinite(now)) throw new RangeError('now must be epoch milliseconds');
  const expiresAt = input.expiresAt ?? now + (input.ttlSeconds ?? DEFAULT_COMMAND_TTL_SECONDS) * 1000;
  if (!(expiresAt > now)) throw new RangeError('expiresAt must be after now');
  const payload: CommandPayload = { commandId, name, params, ts: now, expiresAt };
  const size = utf8Encoder.encode(JSON.stringify(payload)).byteLength;
  if (size > MAX_PAYLOAD_BYTES) throw new RangeError(`command payload is ${size} bytes, limit ${MAX_PAYLOAD_BYTES}`);
  return payload;
}
