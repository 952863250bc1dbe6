// Copies CesiumJS's static parts (web workers, third-party wasm, imagery, widget CSS) into
// public/cesium so the scene loads everything from our own origin (no CDN, no Cesium ion).
// Runs from next.config.ts on every `next build` / `next dev` / `next start`; a no-op when the
// copy already matches the installed version. Output is gitignored.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PARTS = ['Workers', 'ThirdParty', 'Assets', 'Widgets'];

export function copyCesium(webDir = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  const require = createRequire(join(webDir, 'package.json'));
  const pkgPath = require.resolve('cesium/package.json');
  const version = JSON.parse(readFileSync(pkgPath, 'utf8')).version;
  const src = join(dirname(pkgPath), 'Build', 'Cesium');
  const out = join(webDir, 'public', 'cesium');
  // Dot-file: the start script's "sources newer than the build?" walk skips it.
  const marker = join(out, '.version');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === version) return { version, copied: false };
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // Keep the package's timestamps: fresh mtimes would make the start script rebuild every time.
  for (const part of PARTS) cpSync(join(src, part), join(out, part), { recursive: true, preserveTimestamps: true });
  writeFileSync(marker, version);
  const old = new Date(0);
  utimesSync(out, old, old);
  return { version, copied: true };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = copyCesium();
  console.log(r.copied ? `cesium ${r.version} copied to public/cesium` : `public/cesium already holds cesium ${r.version}`);
}
