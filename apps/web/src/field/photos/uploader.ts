/**
 * Sends waiting photos whenever the tablet is online: one at a time, resumable, and again after
 * every reconnect or new photo. A photo waits until its record has reached the server (the
 * upload route answers 404 before that), which replication does on its own.
 *
 * It also counts, for the status bar, the worker's photos not on the server: waiting here (bytes
 * on this tablet), refused by the server (on any tablet: the record says so) and waiting on
 * another tablet (no bytes here). Only the first are "to upload" from this tablet; a refused photo
 * waits for the worker to retry, replace or dismiss it (issue #10: counted as pending forever).
 */
import type { PhotoDoc } from '@linli/sync';
import type { FieldDb } from '../db';
import type { SyncEngine } from '../sync/engine';
import { sha256Hex } from './capture';
import { photoStore, type StoredPhoto } from './store';
import { uploadPhoto } from './upload';

export type PhotoState = 'waiting' | 'refused' | 'elsewhere' | 'sent';

/** Where a photo not yet on the server stands, from its record and this tablet's copy of the bytes. */
export function photoState(doc: PhotoDoc, stored: StoredPhoto | undefined): PhotoState {
  // Bytes the server took: its record says so at the next pull (an older refusal included).
  if (stored?.sentAt && !stored.refused) return 'sent';
  if (stored?.refused || (doc.refused && !stored?.retry)) return 'refused';
  return stored ? 'waiting' : 'elsewhere';
}

export class PhotoUploader {
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiting: PhotoDoc[] = [];
  private sub: { unsubscribe(): void } | null = null;

  constructor(
    private readonly db: FieldDb,
    private readonly engine: SyncEngine,
    private readonly userId: string,
  ) {}

  start(): void {
    this.sub = this.db.photos.find({ selector: { uploaded: false } }).$.subscribe((docs) => {
      this.waiting = docs.map((d) => d.toMutableJSON() as PhotoDoc).filter((p) => p.takenBy === this.userId);
      void this.count();
      this.kick();
    });
    window.addEventListener('online', this.kick);
  }

  stop(): void {
    this.sub?.unsubscribe();
    window.removeEventListener('online', this.kick);
    if (this.timer) clearTimeout(this.timer);
  }

  /** The worker's photos not on the server, each with its state here. */
  async states(): Promise<{ doc: PhotoDoc; state: PhotoState; stored: StoredPhoto | undefined }[]> {
    const stored = await photoStore(this.userId).blobs.bulkGet(this.waiting.map((p) => p.id));
    return this.waiting.map((doc, i) => ({ doc, stored: stored[i], state: photoState(doc, stored[i]) }));
  }

  private async count(): Promise<void> {
    const all = await this.states();
    const n = (state: PhotoState) => all.filter((p) => p.state === state).length;
    const counted = { ...this.engine.getStatus().counted, photos: true };
    this.engine.update({ pendingPhotos: n('waiting'), refusedPhotos: n('refused'), photosElsewhere: n('elsewhere'), counted });
  }

  /** Sends a refused photo's bytes again (a transfer that went wrong; the server checks them anew). */
  async retry(photoId: string): Promise<void> {
    await photoStore(this.userId).blobs.update(photoId, { refused: undefined, retry: true });
    await this.count();
    this.kick();
  }

  /** The worker gives a refused photo up: its record is deleted (on every tablet) and the bytes here. */
  async dismiss(photoId: string): Promise<void> {
    await this.engine.remove('photos', photoId);
    await photoStore(this.userId).blobs.delete(photoId);
  }

  kick = (): void => {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  };

  private async run(): Promise<void> {
    this.running = true;
    let retryLater = false;
    try {
      const store = photoStore(this.userId);
      for (const { doc: photo, stored, state } of await this.states()) {
        if (!navigator.onLine) {
          retryLater = true;
          break;
        }
        if (state !== 'waiting' || !stored) continue;
        const outcome = await uploadPhoto({
          photoId: photo.id,
          bytes: stored.blob,
          chunkSha256: sha256Hex,
          onProgress: (sent, size) => this.engine.update({ uploading: { photoId: photo.id, sent, size } }),
        }).catch(() => ({ kind: 'failed', status: 0 }) as const);
        this.engine.update({ uploading: null });
        if (outcome.kind === 'done') await store.blobs.update(photo.id, { sentAt: Date.now(), retry: false });
        else if (outcome.kind === 'refused') await store.blobs.update(photo.id, { refused: outcome.message, retry: false });
        else retryLater = true;
      }
    } finally {
      this.running = false;
      await this.count();
    }
    if (this.again) {
      this.again = false;
      void this.run();
    } else if (retryLater) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(this.kick, 4_000);
    }
  }
}
