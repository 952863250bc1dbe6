/**
 * `npm run mqtt:mosquitto -- --out DIR [--port 1883]`: writes passwd, acl and linli.conf for
 * Mosquitto from the device ledger. Env: LINLI_BRIDGE_DATABASE_URL, LINLI_BRIDGE_MQTT_PASSWORD.
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
writeFileSync(`${out}/linli.conf`, mosquittoConf({ port: Number(arg('--port') ?? 1883), host: arg('--host') ?? '0.0.0.0', dir: out }));
chmodSync(out, 0o755);
console.log(`wrote ${out}/{passwd,acl,linli.conf}: ${auth.devices} devices`);
if (auth.missing.length) console.log(`devices without a broker hash (rotate their secret to use Mosquitto): ${auth.missing.join(', ')}`);
