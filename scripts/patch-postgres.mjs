// postinstall: guards postgres.js 3.4.9 against an uncatchable crash when the server goes away
// mid-write (upstream issues porsager/postgres#1154 and #1208, fixes not released yet): a small
// write scheduled with setImmediate can fire after the socket was closed, and teardown leaves
// the write timer set so the pooled connection can never write again. The bridge must survive a
// database restart, so we guard both. Remove when postgres.js ships the fix.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARK = '/* linli-guard */';
const require = createRequire(import.meta.url);
let root;
try {
  // The package's exports hide package.json: resolve its CommonJS entry (cjs/src/index.js).
  root = join(dirname(require.resolve('postgres')), '..', '..');
} catch {
  process.exit(0); // not installed (e.g. a partial install): nothing to patch
}
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (version !== '3.4.9') {
  console.error(`[patch-postgres] postgres.js is ${version}, the guard was written for 3.4.9: check whether it is still needed and update scripts/patch-postgres.mjs`);
  process.exit(1);
}

const edits = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${MARK} if (!socket) { nextWriteTimer !== null && clearImmediate(nextWriteTimer); chunk = nextWriteTimer = null; error(Errors.connection('CONNECTION_CLOSED', options)); return false }\n    const x = socket.write(chunk, fn)`,
  ],
  ['    clearImmediate(nextWriteTimer)\n    if (socket) {', `    clearImmediate(nextWriteTimer)\n    ${MARK} nextWriteTimer = null; chunk = null\n    if (socket) {`],
  ['    incomings = null\n    clearImmediate(nextWriteTimer)', `    incomings = null\n    clearImmediate(nextWriteTimer)\n    ${MARK} nextWriteTimer = null; chunk = null`],
];

for (const flavour of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, flavour, 'connection.js');
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  for (const [from, to] of edits) {
    if (!text.includes(from)) {
      console.error(`[patch-postgres] ${file}: expected code not found; the guard cannot be applied`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
  console.log(`[patch-postgres] guarded ${flavour}/connection.js`);
}
