import { describe, expect, it } from 'vitest';
import { BRIDGE_CLIENT_ID_PREFIX, clientIdRefusal, deviceClientId } from '../src';

const DEVICE = '0f8e2d4c-1b3a-4c5d-8e6f-7a8b9c0d1e2f';
const OTHER = '1a2b3c4d-1b3a-4c5d-8e6f-7a8b9c0d1e2f';

describe('client ids bound to credentials', () => {
  it('a device connects only under its own device id', () => {
    expect(clientIdRefusal(deviceClientId(DEVICE), true, { kind: 'device', deviceId: DEVICE })).toBeNull();
    expect(clientIdRefusal(deviceClientId(DEVICE), false, { kind: 'device', deviceId: DEVICE })).toBeNull();
    for (const id of [OTHER, `dev-${DEVICE}`, `${BRIDGE_CLIENT_ID_PREFIX}-1-bulk`, '']) {
      expect(clientIdRefusal(id, true, { kind: 'device', deviceId: DEVICE }), id).not.toBeNull();
    }
  });

  it("the bridge's login uses only ids under its prefix", () => {
    expect(clientIdRefusal(`${BRIDGE_CLIENT_ID_PREFIX}-1-control`, false, { kind: 'bridge' })).toBeNull();
    expect(clientIdRefusal(DEVICE, false, { kind: 'bridge' })).not.toBeNull();
  });

  it('a zero-length id with a persistent session is refused before anyone is known [MQTT-3.1.3-8]', () => {
    expect(clientIdRefusal('', false)).not.toBeNull();
    expect(clientIdRefusal('', true)).toBeNull();
  });
});
