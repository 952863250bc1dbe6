import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPhotoChunk, normalizeRanges, uploadPlan, verifyPhoto, type ByteRange, type UploadStatus } from '@linli/sync';
import { contentRange, parseReceived, uploadPhoto } from '../../src/field/photos/upload';

const CHUNK = 16 * 1024;

/** A photo route as the contract describes it, in memory: HEAD ranges, PUT chunks, verify at the end. */
function fakeRoute(photo: { id: string; sha256: string; size: number; mime: string }) {
  const bytes = new Uint8Array(photo.size);
  let received: ByteRange[] = [];
  const puts: string[] = [];
  let failNextPut = false;
  const status = (error?: UploadStatus['error']): UploadStatus => {
    const complete = normalizeRanges(received, photo.size).some((r) => r.start === 0 && r.end === photo.size);
    return { photoId: photo.id, size: photo.size, received, complete: complete && !error, ...(error ? { error } : {}) };
  };
  const fetchFn = (async (url: string, init: RequestInit) => {
    if (!url.endsWith(photo.id)) return new Response(null, { status: 404 });
    if (init.method === 'HEAD')
      return new Response(null, { status: 200, headers: { 'Upload-Length': String(photo.size), 'Upload-Received': JSON.stringify(received) } });
    if (failNextPut) {
      failNextPut = false;
      throw new TypeError('network down');
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(new Headers(init.headers).get('Content-Range') ?? '');
    if (!range) return new Response(null, { status: 400 });
    const start = Number(range[1]);
    const end = Number(range[2]) + 1;
    puts.push(`${start}-${end}`);
    const body = new Uint8Array(await (init.body as Blob).arrayBuffer());
    const plan = uploadPlan(photo.size, CHUNK);
    const declared = new Headers(init.headers).get('X-Chunk-Sha256') ?? undefined;
    const check = checkPhotoChunk({ plan, index: start / CHUNK, length: body.length, received, ...(declared ? { declaredSha256: declared, bytesSha256: createHash('sha256').update(body).digest('hex') } : {}) });
    if (!check.ok) return Response.json(status(check.message), { status: 422 });
    bytes.set(body, start);
    received = normalizeRanges([...received, { start, end }], photo.size);
    const st = status();
    if (st.complete) {
      const verdict = verifyPhoto({ declaredSha256: photo.sha256, bytesSha256: createHash('sha256').update(bytes).digest('hex'), size: photo.size, mime: photo.mime, head: bytes.subarray(0, 12) });
      if (!verdict.ok) return Response.json(status(verdict.message), { status: 422 });
    }
    return Response.json(st);
  }) as unknown as typeof fetch;
  return { fetchFn, puts, failOnce: () => (failNextPut = true), received: () => received, bytes };
}

function jpeg(size: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + 7) & 0xff;
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const chunkSha = async (blob: Blob) => sha(new Uint8Array(await blob.arrayBuffer()));

describe('photo upload', () => {
  it('sends every chunk with an inclusive Content-Range and ends complete', async () => {
    const data = jpeg(40_000);
    const route = fakeRoute({ id: 'p1', sha256: sha(data), size: data.length, mime: 'image/jpeg' });
    const progress: number[] = [];
    const out = await uploadPhoto({ photoId: 'p1', bytes: new Blob([data]), chunkSize: CHUNK, fetchFn: route.fetchFn, chunkSha256: chunkSha, onProgress: (s) => progress.push(s) });
    expect(out).toEqual({ kind: 'done' });
    expect(route.puts).toEqual(['0-16384', '16384-32768', '32768-40000']);
    expect(route.bytes).toEqual(data);
    expect(progress.at(-1)).toBe(40_000);
  });

  it('resumes after a dropped connection without sending received chunks again', async () => {
    const data = jpeg(50_000);
    const route = fakeRoute({ id: 'p2', sha256: sha(data), size: data.length, mime: 'image/jpeg' });
    let calls = 0;
    const flaky = (async (url: string, init: RequestInit) => {
      if (init.method === 'PUT' && ++calls === 2) throw new TypeError('network down');
      return route.fetchFn(url, init);
    }) as unknown as typeof fetch;
    await expect(uploadPhoto({ photoId: 'p2', bytes: new Blob([data]), chunkSize: CHUNK, fetchFn: flaky })).rejects.toThrow('network down');
    expect(route.received()).toEqual([{ start: 0, end: CHUNK }]);
    const out = await uploadPhoto({ photoId: 'p2', bytes: new Blob([data]), chunkSize: CHUNK, fetchFn: route.fetchFn });
    expect(out).toEqual({ kind: 'done' });
    expect(route.puts).toEqual(['0-16384', '16384-32768', '32768-49152', '49152-50000']);
    expect(route.bytes).toEqual(data);
  });

  it('waits when the photo record has not reached the server yet', async () => {
    const data = jpeg(1000);
    const route = fakeRoute({ id: 'other', sha256: sha(data), size: data.length, mime: 'image/jpeg' });
    expect(await uploadPhoto({ photoId: 'p3', bytes: new Blob([data]), chunkSize: CHUNK, fetchFn: route.fetchFn })).toEqual({ kind: 'not_registered' });
  });

  it('reports the server refusing bytes that do not match the declared checksum', async () => {
    const data = jpeg(20_000);
    const route = fakeRoute({ id: 'p4', sha256: sha(jpeg(19_999)), size: data.length, mime: 'image/jpeg' });
    const out = await uploadPhoto({ photoId: 'p4', bytes: new Blob([data]), chunkSize: CHUNK, fetchFn: route.fetchFn });
    expect(out.kind).toBe('refused');
  });

  it('parses the received header defensively and formats ranges', () => {
    expect(parseReceived('[{"start":0,"end":10},{"start":5,"end":2},"x"]')).toEqual([{ start: 0, end: 10 }]);
    expect(parseReceived('nonsense')).toEqual([]);
    expect(parseReceived(null)).toEqual([]);
    expect(contentRange(0, 100, 300)).toBe('bytes 0-99/300');
  });
});
