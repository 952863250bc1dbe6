import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMAND_TTL_SECONDS,
  MAX_PAYLOAD_BYTES,
  REJECT_REASONS,
  commandPayload,
  decodeUp,
  type DecodeResult,
  type RejectReason,
} from '../src/payload';

const NOW = Date.UTC(2025, 5, 1, 8, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

function reason(r: DecodeResult): RejectReason | 'ok' {
  return r.ok ? 'ok' : r.reason;
}

describe('decodeUp: good payloads', () => {
  it('decodes environment telemetry from bytes and drops unknown top-level fields', () => {
    const r = decodeUp('telemetry', bytes({ ts: NOW - 1000, seq: 7, metrics: { pm25: 35.5, noise: 48 }, fwExtra: 1 }), { kind: 'environment' }, NOW);
    expect(r).toEqual({ ok: true, message: { channel: 'telemetry', ts: NOW - 1000, seq: 7, metrics: { pm25: 35.5, noise: 48 } } });
  });

  it('decodes boolean and number metrics of a street light from a string', () => {
    const r = decodeUp('telemetry', JSON.stringify({ ts: NOW, seq: 0, metrics: { on: true, dim: 60, power: 42.5 } }), { kind: 'street_light' }, NOW);
    expect(r.ok && r.message.channel === 'telemetry' && r.message.metrics).toEqual({ on: true, dim: 60, power: 42.5 });
  });

  it('decodes an access event with its data and severity', () => {
    const r = decodeUp('event', bytes({ ts: NOW, seq: 3, event: 'granted', data: { method: 'face', personRef: 'r-102' } }), { kind: 'access_gate' }, NOW);
    expect(r).toEqual({
      ok: true,
      message: { channel: 'event', ts: NOW, seq: 3, event: 'granted', severity: 'info', data: { method: 'face', personRef: 'r-102' } },
    });
  });

  it('decodes a smoke alarm without data', () => {
    const r = decodeUp('event', bytes({ ts: NOW, seq: 9, event: 'smoke_alarm' }), { kind: 'smoke_detector' }, NOW);
    expect(r.ok && r.message.channel === 'event' && r.message.severity).toBe('critical');
  });

  it('accepts the broker last will {"online":false}', () => {
    expect(decodeUp('state', '{"online":false}', { kind: 'gas_valve' }, NOW)).toEqual({ ok: true, message: { channel: 'state', online: false } });
  });

  it('decodes a full state message', () => {
    const r = decodeUp('state', bytes({ ts: NOW, seq: 1, online: true, fw: '2.4.1', faults: ['E12'] }), { kind: 'fire_panel' }, NOW);
    expect(r).toEqual({ ok: true, message: { channel: 'state', ts: NOW, seq: 1, online: true, fw: '2.4.1', faults: ['E12'] } });
  });

  it('decodes an ack and lowercases the echoed command id', () => {
    const r = decodeUp(
      'ack',
      bytes({ ts: NOW, seq: 4, commandId: '0F8E2D4C-1B3A-4C5D-8E6F-7A8B9C0D1E2F', ok: false, detail: 'motor jammed' }),
      { kind: 'parking_barrier' },
      NOW,
    );
    expect(r).toEqual({
      ok: true,
      message: { channel: 'ack', ts: NOW, seq: 4, commandId: '0f8e2d4c-1b3a-4c5d-8e6f-7a8b9c0d1e2f', ok: false, detail: 'motor jammed' },
    });
  });

  it('accepts a payload of exactly the size limit', () => {
    const base = JSON.stringify({ ts: NOW, seq: 1, online: true, fw: '' });
    const padded = base.slice(0, -1) + ' '.repeat(MAX_PAYLOAD_BYTES - base.length) + '}';
    expect(new TextEncoder().encode(padded).byteLength).toBe(MAX_PAYLOAD_BYTES);
    expect(decodeUp('state', padded, { kind: 'gas_valve' }, NOW).ok).toBe(true);
  });
});

describe('decodeUp: every reject reason', () => {
  const env = { kind: 'environment' };
  const tele = (metrics: unknown, extra: object = {}) => bytes({ ts: NOW, seq: 1, metrics, ...extra });

  it.each<[string, DecodeResult, RejectReason]>([
    ['not JSON', decodeUp('telemetry', '{"ts":', env, NOW), 'malformed_json'],
    ['invalid UTF-8', decodeUp('telemetry', new Uint8Array([0x7b, 0xff, 0x7d]), env, NOW), 'malformed_json'],
    ['over 16 KiB', decodeUp('telemetry', ' '.repeat(MAX_PAYLOAD_BYTES + 1), env, NOW), 'oversized'],
    // 6 000 three-byte characters: under the limit in UTF-16 units, over it in bytes.
    ['over 16 KiB in UTF-8 only', decodeUp('state', JSON.stringify({ online: true, fw: '烟'.repeat(6000) }), env, NOW), 'oversized'],
    ['an array', decodeUp('telemetry', '[]', env, NOW), 'schema'],
    ['missing seq', decodeUp('telemetry', bytes({ ts: NOW, metrics: { pm25: 1 } }), env, NOW), 'schema'],
    ['negative seq', decodeUp('telemetry', tele({ pm25: 1 }, { seq: -1 }), env, NOW), 'schema'],
    ['fractional seq', decodeUp('telemetry', tele({ pm25: 1 }, { seq: 1.5 }), env, NOW), 'schema'],
    ['ts as a string', decodeUp('telemetry', tele({ pm25: 1 }, { ts: String(NOW) }), env, NOW), 'schema'],
    ['empty metrics', decodeUp('telemetry', tele({}), env, NOW), 'schema'],
    ['string for a number metric', decodeUp('telemetry', tele({ pm25: '35' }), env, NOW), 'schema'],
    ['Infinity from 1e999', decodeUp('telemetry', `{"ts":${NOW},"seq":1,"metrics":{"pm25":1e999}}`, env, NOW), 'schema'],
    ['number for a boolean metric', decodeUp('telemetry', tele({ on: 1 }), { kind: 'street_light' }, NOW), 'schema'],
    ['metric of another kind', decodeUp('telemetry', tele({ concentration: 3 }), env, NOW), 'unknown_metric'],
    ['prototype key as metric', decodeUp('telemetry', `{"ts":${NOW},"seq":1,"metrics":{"__proto__":1}}`, env, NOW), 'unknown_metric'],
    ['negative PM2.5', decodeUp('telemetry', tele({ pm25: -3 }), env, NOW), 'out_of_range'],
    ['pH 15', decodeUp('telemetry', tele({ ph: 15 }), { kind: 'water_quality' }, NOW), 'out_of_range'],
    ['event of another kind', decodeUp('event', bytes({ ts: NOW, seq: 1, event: 'cable_theft' }), { kind: 'smoke_detector' }, NOW), 'unknown_event'],
    ['event without name', decodeUp('event', bytes({ ts: NOW, seq: 1 }), { kind: 'smoke_detector' }, NOW), 'schema'],
    ['event data not an object', decodeUp('event', bytes({ ts: NOW, seq: 1, event: 'tamper', data: [1] }), { kind: 'smoke_detector' }, NOW), 'schema'],
    ['pass with unknown method', decodeUp('event', bytes({ ts: NOW, seq: 1, event: 'granted', data: { method: 'pin' } }), { kind: 'access_gate' }, NOW), 'schema'],
    ['plate event without plate', decodeUp('event', bytes({ ts: NOW, seq: 1, event: 'entry' }), { kind: 'parking_barrier' }, NOW), 'schema'],
    ['ts 25 h ahead', decodeUp('telemetry', tele({ pm25: 1 }, { ts: NOW + DAY + 3_600_000 }), env, NOW), 'bad_timestamp'],
    ['ts 31 days old', decodeUp('telemetry', tele({ pm25: 1 }, { ts: NOW - 31 * DAY }), env, NOW), 'bad_timestamp'],
    ['state with a stale ts', decodeUp('state', bytes({ ts: 0, online: true }), env, NOW), 'bad_timestamp'],
    ['state without online', decodeUp('state', bytes({ ts: NOW }), env, NOW), 'schema'],
    ['faults not strings', decodeUp('state', bytes({ online: true, faults: [1] }), env, NOW), 'schema'],
    ['ack with a bad command id', decodeUp('ack', bytes({ ts: NOW, seq: 1, commandId: 'abc', ok: true }), env, NOW), 'schema'],
    ['ack without ok', decodeUp('ack', bytes({ ts: NOW, seq: 1, commandId: '0f8e2d4c-1b3a-4c5d-8e6f-7a8b9c0d1e2f' }), env, NOW), 'schema'],
    ['kind not in the catalog', decodeUp('telemetry', tele({ pm25: 1 }), { kind: 'toaster' }, NOW), 'unknown_device'],
  ])('%s', (_label, result, expected) => {
    expect(reason(result)).toBe(expected);
    expect(result.ok || result.detail.length > 0).toBe(true);
  });

  it('accepts timestamps just inside both edges', () => {
    expect(decodeUp('telemetry', tele({ pm25: 1 }, { ts: NOW + DAY }), env, NOW).ok).toBe(true);
    expect(decodeUp('telemetry', tele({ pm25: 1 }, { ts: NOW - 30 * DAY }), env, NOW).ok).toBe(true);
  });

  it('hints when ts was sent in seconds', () => {
    const r = decodeUp('telemetry', tele({ pm25: 1 }, { ts: Math.floor(NOW / 1000) }), env, NOW);
    expect(r.ok ? '' : r.detail).toMatch(/seconds/);
  });

  it('names the offending metric and range', () => {
    const r = decodeUp('telemetry', tele({ humidity: 130 }), env, NOW);
    expect(r.ok ? '' : r.detail).toMatch(/humidity = 130 % is outside 0…100/);
  });

  it('explains every reason in both languages', () => {
    for (const [key, text] of Object.entries(REJECT_REASONS)) {
      expect(text.zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en, key).toMatch(/^[A-Z].*\.$/);
    }
    expect(Object.keys(REJECT_REASONS)).toHaveLength(12);
  });
});

describe('commandPayload', () => {
  const id = '0f8e2d4c-1b3a-4c5d-8e6f-7a8b9c0d1e2f';

  it('stamps ts and a short default expiry', () => {
    expect(commandPayload({ commandId: id, name: 'dim', params: { level: 30 }, now: 1000 })).toEqual({
      commandId: id,
      name: 'dim',
      params: { level: 30 },
      ts: 1000,
      expiresAt: 1000 + DEFAULT_COMMAND_TTL_SECONDS * 1000,
    });
    expect(commandPayload({ commandId: id, name: 'open', now: 1000, ttlSeconds: 5 }).expiresAt).toBe(6000);
    expect(commandPayload({ commandId: id, name: 'open', now: 1000, expiresAt: 9000 }).expiresAt).toBe(9000);
  });

  it('refuses a bad envelope', () => {
    expect(() => commandPayload({ commandId: id.toUpperCase(), name: 'open', now: 1 })).toThrow(/commandId/);
    expect(() => commandPayload({ commandId: id, name: 'open', now: 1000, expiresAt: 1000 })).toThrow(/expiresAt/);
    expect(() => commandPayload({ commandId: id, name: 'x', params: { blob: 'a'.repeat(MAX_PAYLOAD_BYTES) }, now: 1 })).toThrow(/bytes/);
  });
});
