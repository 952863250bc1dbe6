/**
 * `npm run audit:verify` — recomputes the SM3 chain of the audit log and names every row that
 * was edited or removed. Exit code 0 = intact, 1 = tampered, 2 = could not check.
 * Uses DATABASE_URL, or the local install that `npm start` created: the running one when it is
 * up, else its embedded cluster started for the check.
 */
import { join, resolve } from 'node:path';
import { createDb } from '../client';
import { verifyAuditChain } from '../audit';

async function databaseUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const { connectLocalDatabase } = await import('../setup');
  const root = resolve(import.meta.dirname, '../../../..');
  return connectLocalDatabase({ dataDir: process.env.LINLI_DATA_DIR ?? join(root, '.data'), port: Number(process.env.LINLI_PG_PORT ?? 54320) });
}

async function main(): Promise<number> {
  const { url, stop } = await databaseUrl();
  const { db, close } = createDb(url, { max: 1 });
  try {
    const started = Date.now();
    const result = await verifyAuditChain(db);
    const ms = Date.now() - started;
    if (result.ok) {
      console.log(`audit chain intact: ${result.checked} rows verified in ${ms} ms (last id ${result.lastId}) / 审计链完整`);
      return 0;
    }
    console.error(`AUDIT CHAIN BROKEN / 审计链被篡改: ${result.problems.length} problem(s) in ${result.checked} rows`);
    for (const p of result.problems) console.error(`  row ${p.id}: ${p.reason} — ${p.detail}`);
    return 1;
  } finally {
    await close();
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`audit verify could not run / 无法校验: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  },
);
