/**
 * Sends waiting photos whenever the tablet is online: one at a time, resumable, and again after
 * every reconnect or new photo. A photo waits until its record has reached the server (the
 * upload route answers 404 before that), which replication does on its own.
 */
import type { PhotoDoc } from '@linli/sync';
import type { FieldDb } from '../db';
import type { SyncEngine } from '../sync/engine';
import { sha256Hex } from './capture';
import { photoStore } from './store';
import { uploadPhoto } from './upload';

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

  private async count(): Promise<void> {
    const store = photoStore(this.userId);
    let n = 0;
    for (const p of this.waiting) {
      const s = await store.blobs.get(p.id);
      if (!s?.sentAt) n++;
    }
    this.engine.update({ pendingPhotos: n });
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
      for (const photo of this.waiting) {
        if (!navigator.onLine) {
          retryLater = true;
          break;
        }
        const stored = await store.blobs.get(photo.id);
        if (!stored || stored.sentAt || stored.refused) continue;
        const outcome = await uploadPhoto({
          photoId: photo.id,
          bytes: stored.blob,
          chunkSha256: sha256Hex,
          onProgress: (sent, size) => this.engine.update({ uploading: { photoId: photo.id, sent, size } }),
        }).catch(() => ({ kind: 'failed', status: 0 }) as const);
        this.engine.update({ uploading: null });
        if (outcome.kind === 'done') await store.blobs.update(photo.id, { sentAt: Date.now() });
        else if (outcome.kind === 'refused') await store.blobs.update(photo.id, { refused: outcome.message });
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
