import { createSerwistRoute } from '@serwist/turbopack';
import { onlyFieldPage } from '@/field/sw/precache';

// The field app's service worker, bundled with esbuild while `next build` prerenders this route
// (works with Turbopack, unlike the webpack-only @serwist/next plugin). Precache: the field page's
// own chunks (onlyFieldPage) and the field app's public files; never the rest of /public (Cesium
// is large) nor the other pages' chunks.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: 'src/field/sw/worker.ts',
  useNativeEsbuild: true,
  rebuildOnChange: false,
  globPatterns: ['.next/static/**/*.{js,css,woff2,png,svg,ico,webmanifest}', 'public/field/**/*'],
  manifestTransforms: [onlyFieldPage('.next')],
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
});
