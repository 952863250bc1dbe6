/**
 * The photo bytes on the tablet: a small Dexie (IndexedDB) database beside RxDB. RxDB carries
 * the photo's metadata (`photos` collection, replicated); bytes never go through replication but
 * through the resumable upload. A blob is kept after upload too, so the tablet shows its photos
 * offline; `sentAt` records that the server confirmed every byte.
 */
import Dexie, { type Table } from 'dexie';
import { dbNameFor } from '../session';

export interface StoredPhoto {
  id: string;
  blob: Blob;
  sha256: string;
  size: number;
  mime: string;
  sentAt?: number;
  /** Why the server refused the bytes, if it did (shown to the worker; the copy stays here). */
  refused?: { zh: string; en: string };
  /** The worker asked to send refused bytes again: send them despite the record's refusal. */
  retry?: boolean;
}

class PhotoDb extends Dexie {
  blobs!: Table<StoredPhoto, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ blobs: 'id' });
  }
}

const opened = new Map<string, PhotoDb>();

export function photoStore(userId: string): PhotoDb {
  const name = dbNameFor(userId, 'photos');
  let db = opened.get(name);
  if (!db) {
    db = new PhotoDb(name);
    opened.set(name, db);
  }
  return db;
}
