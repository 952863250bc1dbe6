import { describe, expect, it } from 'vitest';
import {
  BRIDGE_SUBSCRIPTION,
  UP_CHANNELS,
  UP_FILTER,
  commandTopic,
  deviceMayPublish,
  deviceMaySubscribe,
  parseTopic,
  upTopic,
} from '../src/topics';

const T = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const D = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const OTHER_T = '11111111-2222-4333-8444-555555555555';
const OTHER_D = '66666666-7777-4888-9999-000000000000';

describe('topics', () => {
  it('round-trips every up channel and the command topic', () => {
    for (const channel of UP_CHANNELS) {
      const topic = upTopic(T, D, channel);
      expect(topic).toBe(`linli/v1/${T}/${D}/${channel}`);
      expect(parseTopic(topic)).toEqual({ ok: true, tenantId: T, deviceId: D, channel });
    }
    expect(parseTopic(commandTopic(T, D))).toEqual({ ok: true, tenantId: T, deviceId: D, channel: 'command' });
  });

  it.each([
    ['wrong prefix', `linli/v2/${T}/${D}/telemetry`],
    ['unknown channel', `linli/v1/${T}/${D}/firmware`],
    ['uppercase uuid', `linli/v1/${T.toUpperCase()}/${D}/telemetry`],
    ['extra level', `linli/v1/${T}/${D}/telemetry/x`],
    ['missing level', `linli/v1/${T}/${D}`],
    ['wildcard', `linli/v1/+/${D}/telemetry`],
    ['leading slash', `/linli/v1/${T}/${D}/telemetry`],
    ['$SYS', '$SYS/broker/clients/connected'],
  ])('rejects %s as bad_topic', (_label, topic) => {
    expect(parseTopic(topic)).toEqual({ ok: false, reason: 'bad_topic' });
  });

  it('refuses to build a topic from ids that would widen it', () => {
    expect(() => upTopic('+', D, 'telemetry')).toThrow(RangeError);
    expect(() => commandTopic(T, '#')).toThrow(RangeError);
  });

  it('shares the bridge subscription over the up filter', () => {
    expect(BRIDGE_SUBSCRIPTION).toBe(`$share/linli-bridge/${UP_FILTER}`);
  });
});

describe('device ACL', () => {
  it('lets a device publish to its own four up channels only', () => {
    for (const channel of UP_CHANNELS) expect(deviceMayPublish(upTopic(T, D, channel), T, D)).toBe(true);
    expect(deviceMayPublish(commandTopic(T, D), T, D)).toBe(false);
  });

  it.each([
    ['another device', `linli/v1/${T}/${OTHER_D}/telemetry`],
    ['another tenant', `linli/v1/${OTHER_T}/${D}/telemetry`],
    ['a wildcard', `linli/v1/${T}/+/telemetry`],
    ['a multi-level wildcard', `linli/v1/${T}/#`],
    ['$SYS', '$SYS/broker/uptime'],
  ])('refuses publishing to %s', (_label, topic) => {
    expect(deviceMayPublish(topic, T, D)).toBe(false);
  });

  it('lets a device subscribe to its own command topic and nothing else', () => {
    expect(deviceMaySubscribe(commandTopic(T, D), T, D)).toBe(true);
    for (const topic of [
      commandTopic(T, OTHER_D),
      commandTopic(OTHER_T, D),
      `linli/v1/${T}/${D}/+`,
      `linli/v1/${T}/+/command`,
      'linli/v1/#',
      '#',
      '$SYS/#',
      `$share/g/linli/v1/${T}/${D}/command`,
      upTopic(T, D, 'telemetry'),
    ]) {
      expect(deviceMaySubscribe(topic, T, D), topic).toBe(false);
    }
  });
});
