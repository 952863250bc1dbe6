import 'server-only';
import { createDb } from '@linli/db';
import type { Services } from '@linli/api';
import { parseTrustedProxies } from '@linli/api/client-address';
import { loadFieldKeys } from '@linli/security';
import { createLiveBus } from './live-bus';

const globalForServices = globalThis as unknown as { linliServices?: Services };

/** One pool per process; the app role URL comes from the start script (never the owner's). */
export function getServices(): Services {
  if (!globalForServices.linliServices) {
    const url = process.env.LINLI_APP_DATABASE_URL;
    if (!url) throw new Error('LINLI_APP_DATABASE_URL is not set: start the app with `npm start` / 未设置 LINLI_APP_DATABASE_URL，请用 npm start 启动');
    globalForServices.linliServices = {
      db: createDb(url, { max: Number(process.env.LINLI_DB_POOL ?? 10) }).db,
      keys: loadFieldKeys(process.env),
      secureCookies: process.env.LINLI_SECURE_COOKIES === '1',
      bus: createLiveBus(url),
      trustedProxies: parseTrustedProxies(process.env.LINLI_TRUSTED_PROXIES),
    };
  }
  return globalForServices.linliServices;
}
