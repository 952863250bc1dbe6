import { LIVE_CHANNEL, type LiveEvent } from '@linli/db/live';
import type postgres from 'postgres';

type WithoutAt<E> = E extends unknown ? Omit<E, 'at'> & { at?: string } : never;

/** Announces a change to open consoles; inside a transaction it is delivered on commit. */
export async function notifyLive(tx: postgres.Sql | postgres.TransactionSql, event: WithoutAt<LiveEvent>): Promise<void> {
  await tx`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ ...event, at: event.at ?? new Date().toISOString() })})`;
}
