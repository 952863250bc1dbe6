/**
 * Runs replication for the eight collections and keeps the status the worker sees in the
 * status bar: online/offline, pending pushes, pending photos, last sync, conflicts, refusals.
 * Pull/push go through RxDB's `replicateRxCollection` with our handlers; `field.stream` nudges
 * the pulls (RESYNC after every (re)connect, or one collection's new checkpoint).
 */
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTION_NAMES, isReadOnly, PULL_LIMIT_MAX, PUSH_ROWS_MAX, type Checkpoint, type CollectionName, type Msg } from '@linli/sync';
import type { FieldDb } from '../db';
import { acknowledge, markWritten, pendingCount, type Ledger } from './pending';
import { PullPrefetcher } from './prefetch';
import { isSignedOut, type FieldTransport } from './transport';
import { chunkRows, conflictsForRxdb, rejectedIds, toPullResult, toPushBatch, type RxPushRow, type WireDoc } from './wire';

export interface Refusal {
  collection: string;
  docId: string | null;
  message: Msg;
  at: number;
}

export interface SyncStatus {
  online: boolean;
  /** The change stream is open. */
  live: boolean;
  syncing: boolean;
  /** First pull of every collection finished (at least once on this tablet). */
  ready: boolean;
  signedOut: boolean;
  pendingPushes: number;
  pendingPhotos: number;
  /** Photo bytes being uploaded now, if any. */
  uploading: { photoId: string; sent: number; size: number } | null;
  lastSyncAt: number | null;
  openConflicts: number;
  refusals: Refusal[];
  lastError: string | null;
}

const store = (userId: string) => ({
  ledger: `linli-field-pending-${userId}`,
  lastSync: `linli-field-last-sync-${userId}`,
  refusals: `linli-field-refusals-${userId}`,
  ready: `linli-field-ready-${userId}`,
});

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export class SyncEngine {
  private ledger: Ledger;
  private status: SyncStatus;
  private listeners = new Set<() => void>();
  private states = new Map<CollectionName, RxReplicationState<any, Checkpoint>>();
  private activeCount = new Map<CollectionName, boolean>();
  private closeStream: (() => void) | null = null;
  private keys: ReturnType<typeof store>;
  private cleanups: (() => void)[] = [];
  private readonly pages: PullPrefetcher;

  constructor(
    readonly db: FieldDb,
    private readonly transport: FieldTransport,
    private readonly userId: string,
    private readonly deviceId: string,
  ) {
    this.keys = store(userId);
    this.pages = new PullPrefetcher((input) => this.transport.pull(input));
    this.ledger = readJson<Ledger>(this.keys.ledger, {});
    this.status = {
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      live: false,
      syncing: false,
      ready: localStorage.getItem(this.keys.ready) === '1',
      signedOut: false,
      pendingPushes: pendingCount(this.ledger),
      pendingPhotos: 0,
      uploading: null,
      lastSyncAt: readJson<number | null>(this.keys.lastSync, null),
      openConflicts: 0,
      refusals: readJson<Refusal[]>(this.keys.refusals, []),
      lastError: null,
    };
  }

  // --- status store (useSyncExternalStore) ---
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getStatus = (): SyncStatus => this.status;
  update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }

  private saveLedger(ledger: Ledger): void {
    this.ledger = ledger;
    localStorage.setItem(this.keys.ledger, JSON.stringify(ledger));
    this.update({ pendingPushes: pendingCount(ledger) });
  }

  private synced(): void {
    const now = Date.now();
    localStorage.setItem(this.keys.lastSync, JSON.stringify(now));
    this.update({ lastSyncAt: now, signedOut: false, lastError: null });
  }

  /** Every local write goes through here so the pending counter knows about it. */
  async write<C extends CollectionName>(collection: C, doc: Record<string, unknown> & { id: string }): Promise<void> {
    this.saveLedger(markWritten(this.ledger, collection, doc));
    await this.db[collection].upsert(doc as never);
  }

  start(): void {
    // Marks for the benchmarks (bench/field-pull.ts) and for anyone profiling a slow first sync.
    performance.mark('field-sync-start');
    for (const collection of COLLECTION_NAMES) this.replicate(collection);
    // Opened from the cached shell without network: wait for the 'online' event instead of retrying.
    if (!navigator.onLine) for (const s of this.states.values()) void s.pause();
    void Promise.all([...this.states.values()].map((s) => s.awaitInitialReplication())).then(() => {
      performance.mark('field-sync-ready');
      localStorage.setItem(this.keys.ready, '1');
      this.update({ ready: true });
    });
    this.openStream();
    // Offline the replications pause (no failing retries every few seconds); back online they
    // resume at once — pushing what waits without sitting out a retry timer — and pull.
    const onOnline = () => {
      this.update({ online: true });
      for (const s of this.states.values()) void s.start().catch(() => undefined);
      this.reSync();
      if (!this.status.live) this.openStream();
    };
    const onOffline = () => {
      this.pages.clear();
      for (const s of this.states.values()) void s.pause();
      this.update({ online: false, live: false });
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.cleanups.push(() => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    });
    const conflicts = this.db.conflicts.count({ selector: { status: 'open' } }).$.subscribe((n) => this.update({ openConflicts: n }));
    this.cleanups.push(() => conflicts.unsubscribe());
  }

  private replicate(collection: CollectionName): void {
    const state = replicateRxCollection<any, Checkpoint>({
      collection: this.db[collection] as never,
      replicationIdentifier: `linli-field-${collection}`,
      live: true,
      retryTime: 3_000,
      waitForLeadership: false,
      // Keep syncing while the app is in the background (and no leader election is loaded).
      toggleOnDocumentVisible: false,
      autoStart: true,
      pull: {
        batchSize: PULL_LIMIT_MAX,
        handler: async (checkpoint, batchSize) => {
          const start = performance.now();
          const out = await this.pages.pull({ collection, checkpoint: checkpoint ?? null, limit: Math.min(batchSize, PULL_LIMIT_MAX) });
          // Time spent waiting for the page (the rest of a first sync is RxDB writing it): bench/field-pull.ts.
          performance.measure(`field-pull:${collection}`, { start, end: performance.now(), detail: out.documents.length });
          this.synced();
          return toPullResult(out, checkpoint);
        },
      },
      ...(isReadOnly(collection)
        ? {}
        : {
            push: {
              batchSize: PUSH_ROWS_MAX,
              handler: async (rows: RxPushRow[]) => this.pushRows(collection, rows),
            },
          }),
    });
    state.error$.subscribe((error) => {
      const inner = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors ?? [error];
      const signedOut = inner.some(isSignedOut);
      this.update({ signedOut, lastError: String((inner[0] as Error | undefined)?.message ?? error.message) });
    });
    state.active$.subscribe((active) => {
      this.activeCount.set(collection, active);
      this.update({ syncing: [...this.activeCount.values()].some(Boolean) });
    });
    this.states.set(collection, state);
  }

  private async pushRows(collection: CollectionName, rows: RxPushRow[]): Promise<WireDoc[]> {
    // One server batch after the other: sending two at once measured slower (bench:field-push,
    // 4.2 s vs 3.3 s for 1,000 rows) — the server stamps writes from one commit-ordered clock.
    const masters: WireDoc[] = [];
    for (const part of chunkRows(rows, PUSH_ROWS_MAX)) {
      const out = await this.transport.push(toPushBatch(collection, this.deviceId, part, Date.now()));
      const settled = [...rejectedIds(out), ...out.conflicts.map((d) => d.id)];
      this.saveLedger(acknowledge(this.ledger, collection, part.map((r) => r.newDocumentState), settled));
      if (out.rejected.length > 0) {
        const now = Date.now();
        const refusals = [...out.rejected.map((r) => ({ collection, docId: r.docId, message: r.message, at: now })), ...this.status.refusals].slice(0, 50);
        localStorage.setItem(this.keys.refusals, JSON.stringify(refusals));
        this.update({ refusals });
      }
      masters.push(...conflictsForRxdb(out));
    }
    this.synced();
    return masters;
  }

  private openStream(): void {
    this.closeStream?.();
    this.closeStream = this.transport.stream({
      onEvent: (event) => {
        this.update({ live: true });
        if (event === 'RESYNC') this.reSync();
        else this.states.get(event.collection)?.emitEvent('RESYNC');
      },
      onError: () => this.update({ live: false }),
    });
  }

  /** Pull everything changed since the checkpoints and push what waits (after a drop). */
  reSync(): void {
    for (const s of this.states.values()) s.reSync();
  }

  dismissRefusals(): void {
    localStorage.setItem(this.keys.refusals, '[]');
    this.update({ refusals: [] });
  }

  async awaitInSync(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.awaitInSync()));
  }

  async stop(): Promise<void> {
    this.closeStream?.();
    for (const c of this.cleanups) c();
    await Promise.all([...this.states.values()].map((s) => s.cancel()));
  }
}
