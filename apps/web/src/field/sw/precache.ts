/**
 * Build-time only (runs while `next build` prerenders /field/sw/sw.js): which built files the
 * field app's service worker precaches. Only the chunks the /field page loads — read from the
 * manifests Next writes for that page — not every chunk of the whole web app: that was 7.4 MB
 * (the console, Cesium's loaders, charts) to download before the app worked offline (issue #10),
 * against ≈ 1.1 MB for the field page. Other chunks are cached by the worker when first fetched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

interface Entry {
  url: string;
  size: number;
}

const PAGE = '/field/page';

/** The files under `<distDir>/static` the /field page needs, as `static/…` paths. */
export function fieldPageFiles(distDir: string): Set<string> {
  const rsc = join(distDir, 'server/app/field/page_client-reference-manifest.js');
  const build = join(distDir, 'server/app/field/page/build-manifest.json');
  // A silent fallback to "everything" would bring the 7 MB back unnoticed: fail the build instead.
  if (!existsSync(rsc) || !existsSync(build)) throw new Error(`field precache: Next's manifests for ${PAGE} are missing (${rsc}, ${build})`);
  const sandbox: { __RSC_MANIFEST?: Record<string, { clientModules: Record<string, { chunks: string[] }>; entryCSSFiles: Record<string, { path: string }[]>; entryJSFiles?: Record<string, string[]> }> } = {};
  runInNewContext(readFileSync(rsc, 'utf8'), sandbox);
  const page = sandbox.__RSC_MANIFEST?.[PAGE];
  if (!page) throw new Error(`field precache: no client reference manifest for ${PAGE}`);
  const files = new Set<string>();
  const add = (f: string) => files.add(f.replace(/^\/?_next\//, ''));
  for (const m of Object.values(page.clientModules)) m.chunks.forEach(add);
  for (const css of Object.values(page.entryCSSFiles)) for (const f of css) add(f.path);
  for (const js of Object.values(page.entryJSFiles ?? {})) js.forEach(add);
  const manifest = JSON.parse(readFileSync(build, 'utf8')) as { polyfillFiles: string[]; rootMainFiles: string[] };
  [...manifest.polyfillFiles, ...manifest.rootMainFiles].forEach(add);
  return files;
}

/** A Serwist `manifestTransforms` entry: keeps built files of the /field page and everything outside `<distDir>/static`. */
export function onlyFieldPage(distDir = '.next') {
  return async (entries: Entry[]) => {
    const keep = fieldPageFiles(distDir);
    const prefix = `${distDir.replace(/\/$/, '')}/`;
    const manifest = entries.filter((e) => !e.url.startsWith(`${prefix}static/`) || keep.has(e.url.slice(prefix.length)));
    return { manifest, warnings: [] as string[] };
  };
}
