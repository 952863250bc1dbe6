/**
 * The wire contract between the field PWA and the server (tRPC router `field` + one HTTP route for
 * photo bytes). Both halves import these types so they cannot drift apart.
 *
 *   field.pull    query        PullInput  → PullOutput      (tenant/area scoped by the session; RLS)
 *   field.push    mutation     PushBatch  → PushOutput      (validatePush + planRowWrite, one transaction)
 *   field.stream  subscription (SSE)       → StreamEvent     ('RESYNC' after a (re)connect, then changes)
 *   /api/field/photos/{photoId}
 *     HEAD   → 200 with headers `Upload-Length`, `Upload-Received` (JSON ranges) — resume point
 *     PUT    body = one chunk, header `Content-Range: bytes start-end/total` → UploadStatus JSON
 *     GET    → the stored image (console and tablet, same tenant, authorised)
 */
import type { Msg } from './bilingual';
import type { Checkpoint } from './checkpoint';
import type { AnyDoc, CollectionName } from './collections';
import type { ByteRange } from './upload';

export const PULL_LIMIT_MAX = 1000;
export const PUSH_ROWS_MAX = 500;
export const PHOTO_ROUTE = '/api/field/photos';

export interface PullInput {
  collection: CollectionName;
  checkpoint: Checkpoint | null;
  limit: number;
}

export interface PullOutput {
  documents: AnyDoc[];
  /** Null when the page was empty (the tablet keeps its previous checkpoint). */
  checkpoint: Checkpoint | null;
}

export interface PushBatch {
  collection: CollectionName;
  /** `batchIdFor(deviceId, rows)`: a retry after a lost reply carries the same id. */
  batchId: string;
  deviceId: string;
  /** The tablet's clock (ms) when it sent the batch. */
  clientTime: number;
  rows: { assumedMasterState: AnyDoc | null; newDocumentState: AnyDoc }[];
}

export interface PushRejection {
  docId: string | null;
  code: string;
  message: Msg;
}

export interface PushOutput {
  /** Server masters RxDB must take (conflicts, merges, rejected rows' current state). */
  conflicts: AnyDoc[];
  rejected: PushRejection[];
  warnings: { code: string; message: Msg }[];
  replayed: boolean;
}

export type StreamEvent = 'RESYNC' | { collection: CollectionName; checkpoint: Checkpoint };

export interface UploadStatus {
  photoId: string;
  size: number;
  received: ByteRange[];
  complete: boolean;
  /** Set when the assembled bytes failed the checksum/type check; the tablet keeps its copy. */
  error?: Msg;
}
