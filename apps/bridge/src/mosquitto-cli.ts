/**
 * `npm run mqtt:mosquitto -- --out DIR [--port 1883] [--host 0.0.0.0] [--bridge-port 1884]
 * [--bridge-host 127.0.0.1]`: writes passwd, acl (devices), bridge-passwd, bridge-acl (the bridge)
 * and linli.conf for Mosquitto from the device ledger. Env: LINLI_BRIDGE_DATABASE_URL,
 * LINLI_BRIDGE_MQTT_PASSWORD.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { mosquittoAuth, mosquittoConf } from './mosquitto';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const out = resolve(arg('--out') ?? 'mosquitto');
const url = process.env.LINLI_BRIDGE_DATABASE_URL;
const password = process.env.LINLI_BRIDGE_MQTT_PASSWORD;
if (!url || !password) {
  console.error('LINLI_BRIDGE_DATABASE_URL and LINLI_BRIDGE_MQTT_PASSWORD are required / 需要设置这两个环境变量');
  process.exit(2);
}
const sql = postgres(url, { max: 1 });
const auth = await mosquittoAuth(sql, password);
await sql.end();
mkdirSync(out, { recursive: true });
writeFileSync(`${out}/passwd`, auth.passwd, { mode: 0o600 });
writeFileSync(`${out}/acl`, auth.acl, { mode: 0o600 });
writeFileSync(`${out}/bridge-passwd`, auth.bridgePasswd, { mode: 0o600 });
writeFileSync(`${out}/bridge-acl`, auth.bridgeAcl, { mode: 0o600 });
const port = Number(arg('--port') ?? 1883);
const bridgePort = Number(arg('--bridge-port') ?? port + 1);
writeFileSync(`${out}/linli.conf`, mosquittoConf({ port, host: arg('--host') ?? '0.0.0.0', bridgePort, bridgeHost: arg('--bridge-host') ?? '127.0.0.1', dir: out }));
chmodSync(out, 0o755);
console.log(`wrote ${out}/{passwd,acl,bridge-passwd,bridge-acl,linli.conf}: ${auth.devices} devices on :${port}, the bridge on :${bridgePort} (its MQTT_URL)`);
if (auth.missing.length) console.log(`devices without a broker hash (rotate their secret to use Mosquitto): ${auth.missing.join(', ')}`);
