import { describe, expect, it } from 'vitest';
import { topicMatches } from '../src/broker';

describe('MQTT filter matching for shared groups', () => {
  it.each([
    ['linli/v1/+/+/telemetry', 'linli/v1/t/d/telemetry', true],
    ['linli/v1/+/+/telemetry', 'linli/v1/t/d/ack', false],
    ['linli/v1/+/+/+', 'linli/v1/t/d/ack', true],
    ['linli/v1/+/+/+', 'linli/v1/t/d', false],
    ['linli/#', 'linli/v1/t/d/event', true],
    ['linli/v1/+/+/telemetry', 'linli/v1/t/d/telemetry/extra', false],
  ])('%s vs %s → %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});
