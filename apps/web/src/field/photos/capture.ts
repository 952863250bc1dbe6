/**
 * Taking a photo on the tablet: compress (browser-image-compression, on the main thread — its
 * web worker would load a script from a CDN the tablet cannot reach), measure, hash with
 * crypto.subtle, keep the bytes locally. Works offline.
 */
import imageCompression from 'browser-image-compression';
import type { PhotoDoc } from '@linli/sync';

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

export async function compressPhoto(file: File): Promise<Captured> {
  let blob: Blob = file;
  if (file.size > 200 * 1024 || file.type !== 'image/jpeg') {
    blob = await imageCompression(file, { maxSizeMB: TARGET_MB, maxWidthOrHeight: MAX_EDGE_PX, useWebWorker: false, fileType: 'image/jpeg', initialQuality: 0.8 });
  }
  const bitmap = await createImageBitmap(blob);
  const { width, height } = bitmap;
  bitmap.close();
  return { blob, sha256: await sha256Hex(blob), width, height, mime: 'image/jpeg' };
}
