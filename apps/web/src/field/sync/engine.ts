/**
 * Runs replication for the eight collections and keeps the status the worker sees in the
 * status bar: online/offline, pending pushes, pending photos, last sync, conflicts, refusals.
 * Pull/push go through RxDB's `replicateRxCollection` with our handlers; `field.stream` nudges
 * the pulls (RESYNC after every (re)connect, or one collection's new checkpoint).
 */
import type { RxCollection } from 'rxdb/plugins/core';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTION_NAMES, isReadOnly, PULL_LIMIT_MAX, PUSH_ROWS_MAX, type Checkpoint, type CollectionName, type DocOf, type Msg } from '@linli/sync';
import type { FieldDb } from '../db';
import type { OfflineApp } from '../sw/readiness';
import { PullPrefetcher } from './prefetch';
import { isSignedOut, type FieldTransport } from './transport';
import { unconfirmedIds } from './unconfirmed';
import { chunkRows, conflictsForRxdb, toPullResult, toPushBatch, type RxPushRow, type WireDoc } from './wire';

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
  /** The last pull or push failed for another reason (server unreachable, an error there); retried. */
  failing: boolean;
  /** Records the server has not confirmed, counted from the replication's own store (unconfirmed.ts). */
  pendingPushes: number;
  /** Photos whose bytes this tablet still has to send. */
  pendingPhotos: number;
  /**
   * Whether both counts above were taken since the app opened: until then a zero means "not
   * counted yet", and the bar must not say "synced" over a record still waiting from before a
   * reload or a sign-in.
   */
  counted: { records: boolean; photos: boolean };
  /** The worker's photos the server refused (seen from any of their tablets). */
  refusedPhotos: number;
  /** The worker's photos waiting on another tablet (their bytes are not on this one). */
  photosElsewhere: number;
  /** Photo bytes being uploaded now, if any. */
  uploading: { photoId: string; sent: number; size: number } | null;
  lastSyncAt: number | null;
  openConflicts: number;
  refusals: Refusal[];
  lastError: string | null;
  /** The server's warning that the tablet's clock is off, until a push comes without one. */
  clockWarning: Msg | null;
  /** Whether the app itself works offline yet (its service worker installed). */
  offlineApp: OfflineApp;
}

const store = (userId: string) => ({
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
  private status: SyncStatus;
  private listeners = new Set<() => void>();
  private states = new Map<CollectionName, RxReplicationState<any, Checkpoint>>();
  private activeCount = new Map<CollectionName, boolean>();
  private closeStream: (() => void) | null = null;
  private keys: ReturnType<typeof store>;
  private cleanups: (() => void)[] = [];
  private readonly pages: PullPrefetcher;
  private recountTimer: ReturnType<typeof setTimeout> | null = null;
  private counting: Promise<void> | null = null;

  constructor(
    readonly db: FieldDb,
    private readonly transport: FieldTransport,
    private readonly userId: string,
    private readonly deviceId: string,
  ) {
    this.keys = store(userId);
    this.pages = new PullPrefetcher((input) => this.transport.pull(input));
    this.status = {
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      live: false,
      syncing: false,
      ready: localStorage.getItem(this.keys.ready) === '1',
      signedOut: false,
      failing: false,
      pendingPushes: 0,
      pendingPhotos: 0,
      counted: { records: false, photos: false },
      refusedPhotos: 0,
      photosElsewhere: 0,
      uploading: null,
      lastSyncAt: readJson<number | null>(this.keys.lastSync, null),
      openConflicts: 0,
      refusals: readJson<Refusal[]>(this.keys.refusals, []),
      lastError: null,
      clockWarning: null,
      offlineApp: { state: 'preparing', percent: null },
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

  private synced(): void {
    const now = Date.now();
    localStorage.setItem(this.keys.lastSync, JSON.stringify(now));
    this.update({ lastSyncAt: now, signedOut: false, failing: false, lastError: null });
  }

  /**
   * A pull or push failed. Judged here, where the error is still the transport's own: what RxDB
   * passes on to error$ is a plain copy without the HTTP status (issue #10: a 401 was never seen).
   */
  private failed(error: unknown): void {
    const lastError = String((error as Error | undefined)?.message ?? error);
    if (isSignedOut(error)) this.update({ signedOut: true, lastError });
    else this.update({ failing: true, lastError });
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      const out = await request();
      this.synced();
      return out;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  /** A new record (its id must be new). */
  async insert<C extends CollectionName>(collection: C, doc: DocOf<C>): Promise<void> {
    await this.db[collection].insert(doc as never);
  }

  /**
   * Changes a stored record: `change` gets the newest stored version (RxDB's incremental write
   * queue) and returns the next one. Every edit goes through here, so two edits in a row compose
   * and a form never writes back a copy it loaded before a sync changed it (issue #10).
   */
  async modify<C extends CollectionName>(collection: C, id: string, change: (latest: DocOf<C>) => DocOf<C>): Promise<DocOf<C>> {
    const doc = await this.db[collection].findOne(id).exec();
    if (!doc) throw new Error(`${collection} ${id} is not on this tablet`);
    const next = await doc.incrementalModify((data) => change(data as DocOf<C>) as never);
    return next.toMutableJSON() as DocOf<C>;
  }

  /** Soft-deletes a record (replicated as a deletion). */
  async remove(collection: CollectionName, id: string): Promise<void> {
    await (await this.db[collection].findOne(id).exec())?.incrementalRemove();
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
    this.countUnconfirmed();
  }

  /** Recounts unconfirmed records whenever records or the replication's confirmations change. */
  private countUnconfirmed(): void {
    for (const [collection, state] of this.states) {
      if (isReadOnly(collection)) continue;
      const records = (this.db[collection] as RxCollection<unknown>).storageInstance.changeStream().subscribe(() => {
        // A record was just written: until it is counted the bar must not keep saying "synced".
        if (this.status.counted.records) this.update({ counted: { ...this.status.counted, records: false } });
        this.scheduleRecount();
      });
      this.cleanups.push(() => records.unsubscribe());
      void state.startPromise.then(() => {
        const confirmations = state.metaInstance?.changeStream().subscribe(() => this.scheduleRecount());
        if (confirmations) this.cleanups.push(() => confirmations.unsubscribe());
        this.scheduleRecount();
      });
    }
  }

  private scheduleRecount(): void {
    if (this.recountTimer) return;
    // A first pull writes thousands of documents: count less often until it is done.
    this.recountTimer = setTimeout(() => {
      this.recountTimer = null;
      void this.recount();
    }, this.status.ready ? 150 : 1000);
  }

  private async recount(): Promise<void> {
    if (this.counting) {
      await this.counting;
      return this.scheduleRecount();
    }
    this.counting = (async () => {
      let n = 0;
      for (const [collection, state] of this.states) {
        if (isReadOnly(collection)) continue;
        const c = this.db[collection];
        n += (await unconfirmedIds(c, state, c.conflictHandler.isEqual).catch(() => [])).length;
      }
      this.update({ pendingPushes: n, counted: { ...this.status.counted, records: true } });
    })();
    try {
      await this.counting;
    } finally {
      this.counting = null;
    }
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
          const out = await this.call(() => this.pages.pull({ collection, checkpoint: checkpoint ?? null, limit: Math.min(batchSize, PULL_LIMIT_MAX) }));
          // Time spent waiting for the page (the rest of a first sync is RxDB writing it): bench/field-pull.ts.
          performance.measure(`field-pull:${collection}`, { start, end: performance.now(), detail: out.documents.length });
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
    // Failures of our handlers are judged in call(); what else RxDB reports (a storage error) shows as the last error.
    state.error$.subscribe((error) => {
      const inner = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors ?? [error];
      this.update({ lastError: String((inner[0] as Error | undefined)?.message ?? error.message) });
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
      const out = await this.call(() => this.transport.push(toPushBatch(collection, this.deviceId, part, Date.now())));
      // The server corrected this push's times: the worker must set the tablet's clock.
      this.update({ clockWarning: out.warnings.find((w) => w.code === 'clock_skew')?.message ?? null });
      if (out.rejected.length > 0) {
        const now = Date.now();
        const refusals = [...out.rejected.map((r) => ({ collection, docId: r.docId, message: r.message, at: now })), ...this.status.refusals].slice(0, 50);
        localStorage.setItem(this.keys.refusals, JSON.stringify(refusals));
        this.update({ refusals });
      }
      masters.push(...conflictsForRxdb(out));
    }
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
      onError: (error) => {
        this.update({ live: false });
        if (isSignedOut(error)) this.update({ signedOut: true });
      },
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
