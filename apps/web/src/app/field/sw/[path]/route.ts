import { createSerwistRoute } from '@serwist/turbopack';

// The field app's service worker, bundled with esbuild while `next build` prerenders this route
// (works with Turbopack, unlike the webpack-only @serwist/next plugin). Precache: every built
// chunk and the field app's own public files; never the rest of /public (Cesium is large).
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: 'src/field/sw/worker.ts',
  useNativeEsbuild: true,
  rebuildOnChange: false,
  globPatterns: ['.next/static/**/*.{js,css,woff2,png,svg,ico,webmanifest}', 'public/field/**/*'],
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
});
