import { beforeAll, describe, expect, it } from 'vitest';
import { commandTopic, upTopic } from '@linli/iot';
import { rawConnect, stillOpenAfter } from './raw-mqtt';
import { useBridgeTest, useDevices } from './support';

/** Security issue #9, item 10: MQTT 3.1.1 conformance of the embedded broker. */
const t = useBridgeTest('bridge_conformance');
const devs = useDevices(t, 'moma', [
  { code: 'CF-SL1', kind: 'street_light', name: 'light 1' },
  { code: 'CF-SL2', kind: 'street_light', name: 'light 2' },
]);
let moma: string;
beforeAll(async () => {
  moma = await t.tenantId('moma');
});

describe('MQTT 3.1.1 conformance (embedded broker)', () => {
  it('a refused SUBSCRIBE is answered with SUBACK 0x80 and the connection stays usable [MQTT-3.8.4-1, MQTT-3.9.3]', async () => {
    const d = devs['CF-SL1']!;
    const other = devs['CF-SL2']!;
    const c = rawConnect(t.port, { clientId: d.id, clean: true, username: d.id, password: d.secret });
    expect((await c.next('connack')).returnCode).toBe(0);
    // One allowed and one refused filter in the same packet: the answer is per filter.
    c.send({ cmd: 'subscribe', messageId: 7, subscriptions: [{ topic: commandTopic(moma, d.id), qos: 1 }, { topic: commandTopic(moma, other.id), qos: 1 }] });
    const suback = await c.next('suback');
    expect(suback).toMatchObject({ messageId: 7, granted: [1, 0x80] });
    expect(await stillOpenAfter(c, 300)).toBe(true);
    // Still a working session: a reading sent afterwards is stored.
    c.send({ cmd: 'publish', topic: upTopic(moma, d.id, 'state'), payload: JSON.stringify({ online: true, ts: Date.now() }), qos: 1, messageId: 8, dup: false, retain: false });
    expect(await c.next('puback')).toMatchObject({ messageId: 8 });
    await t.settle();
    expect((await t.owner`select online from device_state where device_id = ${d.id}`)[0]?.online).toBe(true);
    c.socket.destroy();
  });

  it('a zero-length client id with a persistent session (clean=false) gets CONNACK 0x02 and is closed [MQTT-3.1.3-8]', async () => {
    const d = devs['CF-SL1']!;
    const c = rawConnect(t.port, { clientId: '', clean: false, username: d.id, password: d.secret });
    const connack = await c.next('connack');
    expect(connack.returnCode).toBe(2);
    expect(connack.sessionPresent).toBe(false);
    await c.closed;
  });
});
