/**
 * Taking a photo on the tablet: check what the file really is, compress (browser-image-compression,
 * on the main thread — its web worker would load a script from a CDN the tablet cannot reach),
 * measure, hash with crypto.subtle, keep the bytes locally. Works offline. What is kept is always
 * a real JPEG, as the photo's record declares: a PNG or WebP named .jpg is re-encoded here rather
 * than refused by the server later (issue #10).
 */
import imageCompression from 'browser-image-compression';
import { sniffMime, type PhotoDoc } from '@linli/sync';

export const MAX_EDGE_PX = 1600;
export const TARGET_MB = 0.4;

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Captured {
  blob: Blob;
  sha256: string;
  width: number;
  height: number;
  mime: PhotoDoc['mime'];
}

/**
 * Why a photo could not be kept, as a key of the `field.photos.errors` messages, so the worker
 * reads the reason in the page's language (the browser's own messages are English or empty).
 */
export type CaptureProblem = 'unreadable' | 'storage' | 'unknown';

export class CaptureError extends Error {
  constructor(readonly problem: CaptureProblem) {
    super(problem);
  }
}

const head = async (blob: Blob) => new Uint8Array(await blob.slice(0, 16).arrayBuffer());

export async function compressPhoto(file: File): Promise<Captured> {
  // Random bytes, a HEIC or a document named .jpg: refuse at once, with a reason.
  const kind = sniffMime(await head(file));
  if (kind === null) throw new CaptureError('unreadable');
  let blob: Blob = file;
  try {
    if (file.size > 200 * 1024 || kind !== 'image/jpeg') {
      blob = await imageCompression(file, { maxSizeMB: TARGET_MB, maxWidthOrHeight: MAX_EDGE_PX, useWebWorker: false, fileType: 'image/jpeg', initialQuality: 0.8 });
    }
    if (sniffMime(await head(blob)) !== 'image/jpeg') throw new CaptureError('unreadable');
    const bitmap = await createImageBitmap(blob);
    const { width, height } = bitmap;
    bitmap.close();
    return { blob, sha256: await sha256Hex(blob), width, height, mime: 'image/jpeg' };
  } catch (error) {
    // A header that looks right over a broken image fails in the decoder (DOMException, or an
    // empty error from the compressor): the file cannot be read as a photo.
    throw error instanceof CaptureError ? error : new CaptureError('unreadable');
  }
}

/** The problem behind any failure while keeping a photo (storage full is IndexedDB's QuotaExceededError). */
export function captureProblem(error: unknown): CaptureProblem {
  if (error instanceof CaptureError) return error.problem;
  if ((error as { name?: string } | null)?.name === 'QuotaExceededError') return 'storage';
  return 'unknown';
}
