import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA_DIR = fileURLToPath(new URL('./.data', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const DEMO_PASSWORD = 'Linli@2026';
export const DEVSIM_PORT = Number(process.env.E2E_DEVSIM_PORT ?? 3942);


export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Debian Chromium as root, on a machine without internet: no sandbox, no background calls;
      // SwiftShader so the 3D scene gets WebGL2 without a GPU.
      args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    // The production build (made by `npm run test:e2e` before Playwright starts) behind the real
    // start script, on a freshly seeded database every run. The wipe lives here, not at the top of
    // this file, because Playwright evaluates the config again in each worker process.
    command: `rm -rf '${DATA_DIR}' && node --import tsx scripts/start.ts`,
    cwd: ROOT,
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    // SIGTERM lets the start script stop the bridge, the simulator and PostgreSQL in order;
    // a hard kill would leave them holding their ports for the next run.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      LINLI_DATA_DIR: DATA_DIR,
      LINLI_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54390)),
      LINLI_DEMO_PASSWORD: DEMO_PASSWORD,
      // Its own ports, so a running `npm start` on this machine does not clash with the tests.
      LINLI_MQTT_PORT: String(Number(process.env.E2E_MQTT_PORT ?? 18831)),
      LINLI_MQTT_WS_PORT: String(Number(process.env.E2E_MQTT_WS_PORT ?? 18084)),
      LINLI_DEVSIM_PORT: String(DEVSIM_PORT),
    },
  },
});
