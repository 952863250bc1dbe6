import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchIdFor, hashUuid, type PhotoDoc } from '@linli/sync';
import { handleFieldPhoto } from '../src';
import { ORIGIN, useApiTest } from './support';

const t = useApiTest('field_photos');
let owner: postgres.Sql;
let fs: string;
let grid: string;
const dir = mkdtempSync(join(tmpdir(), 'linli-photos-'));
beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
  fs = (await owner`select id from tenants where slug = 'fangsong-xinyuan'`)[0]!.id;
  grid = (await owner`select id from users where username = 'fs.grid'`)[0]!.id;
});
afterAll(async () => {
  await owner?.end();
  rmSync(dir, { recursive: true, force: true });
});

/** A JPEG as far as the checks go: SOI marker then bytes. */
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function pushPhoto(username: string, bytes: Buffer, over: Partial<PhotoDoc> = {}): Promise<PhotoDoc> {
  const api = await t.as(username);
  const takenBy = (await owner`select id from users where username = ${username}`)[0]!.id as string;
  const doc: PhotoDoc = { id: hashUuid(`photo|${Math.random()}`), tenantId: fs, updatedAt: 0, sha256: sha(bytes), size: bytes.length, mime: 'image/jpeg', width: 640, height: 480, takenAt: Date.now() - 1000, takenBy, uploaded: false, ...over };
  const rows = [{ assumedMasterState: null, newDocumentState: doc }];
  const out = await api.field.push({ collection: 'photos', batchId: batchIdFor('tab', rows.map((r) => ({ collection: 'photos', ...r })) as never), deviceId: 'tab', clientTime: Date.now(), rows });
  expect(out.rejected).toEqual([]);
  return doc;
}

async function call(username: string, method: string, photoId: string, init: { body?: Buffer; range?: string; origin?: string } = {}) {
  const cookie = await t.sessionCookieOf(username);
  const headers: Record<string, string> = { cookie, host: 'linli.test', origin: init.origin ?? ORIGIN };
  if (init.range) headers['content-range'] = init.range;
  const req = new Request(`${ORIGIN}/api/field/photos/${photoId}`, { method, headers, ...(init.body ? { body: new Uint8Array(init.body) } : {}) });
  return handleFieldPhoto(t.services, req, photoId, dir);
}

describe('/api/field/photos/{id}', () => {
  it('uploads in two chunks with a gap, resumes from HEAD, verifies the checksum and serves the image', async () => {
    const bytes = jpeg(50_000);
    const doc = await pushPhoto('fs.grid', bytes);
    // The second chunk arrives first (the first one was lost on the way): HEAD shows the gap.
    const second = await call('fs.grid', 'PUT', doc.id, { body: bytes.subarray(32_768), range: `bytes 32768-49999/50000` });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ complete: false, received: [{ start: 32768, end: 50000 }] });
    const head = await call('fs.grid', 'HEAD', doc.id);
    expect(head.headers.get('Upload-Length')).toBe('50000');
    expect(JSON.parse(head.headers.get('Upload-Received')!)).toEqual([{ start: 32768, end: 50000 }]);
    // Resume: send what is missing.
    const first = await call('fs.grid', 'PUT', doc.id, { body: bytes.subarray(0, 32_768), range: `bytes 0-32767/50000` });
    expect(await first.json()).toMatchObject({ complete: true, received: [{ start: 0, end: 50000 }] });
    const got = await call('fs.committee', 'GET', doc.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(sha(Buffer.from(await got.arrayBuffer()))).toBe(doc.sha256);
    const [row] = await owner`select doc from field_photos where id = ${doc.id}`;
    expect((row!.doc as PhotoDoc).uploaded).toBe(true);
    expect(await owner`select 1 from audit_log where action = 'field.photo.uploaded' and target_id = ${doc.id}`).toHaveLength(1);
    expect(readdirSync(join(dir, fs))).toContain(doc.id);
  });

  it('refuses a corrupt photo with a zh/en message and drops its bytes so it can be sent again', async () => {
    const bytes = jpeg(20_000);
    const doc = await pushPhoto('fs.grid', bytes);
    const corrupt = Buffer.from(bytes);
    corrupt[10_000] = corrupt[10_000]! ^ 0xff;
    const res = await call('fs.grid', 'PUT', doc.id, { body: corrupt, range: 'bytes 0-19999/20000' });
    expect(res.status).toBe(422);
    const status = await res.json();
    expect(status.complete).toBe(false);
    expect(status.received).toEqual([]);
    expect(status.error.zh).toContain('校验');
    expect(status.error.en).toContain('checksum');
    expect((await call('fs.grid', 'GET', doc.id)).status).toBe(404);
    // The good bytes then go through.
    const retry = await call('fs.grid', 'PUT', doc.id, { body: bytes, range: 'bytes 0-19999/20000' });
    expect(await retry.json()).toMatchObject({ complete: true });
  });

  // Issue #10 (defect 5): the refusal lived only on the tablet that sent the bytes, so every other
  // tablet of the worker (new ones too) counted the photo as waiting forever.
  it('marks a refused photo on its record, so every tablet of the worker knows; good bytes clear it', async () => {
    const bytes = jpeg(12_000);
    const doc = await pushPhoto('fs.grid', bytes);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytes.subarray(8)]);
    const res = await call('fs.grid', 'PUT', doc.id, { body: png, range: 'bytes 0-11999/12000' });
    expect(res.status).toBe(422);
    const otherTablet = await t.as('fs.grid');
    const pulled = async () => (await otherTablet.field.pull({ collection: 'photos', checkpoint: null, limit: 1000 })).documents.find((d) => d.id === doc.id) as PhotoDoc;
    expect(await pulled()).toMatchObject({ uploaded: false, refused: { zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.stringMatching(/[a-z]/) } });
    expect(await owner`select 1 from audit_log where action = 'field.photo.rejected' and target_id = ${doc.id}`).toHaveLength(1);
    // A later push of the record (a tablet that had not heard yet) keeps the server's verdict.
    const api = await t.as('fs.grid');
    const rows = [{ assumedMasterState: doc, newDocumentState: doc }];
    await api.field.push({ collection: 'photos', batchId: batchIdFor('tab2', rows.map((r) => ({ collection: 'photos', ...r })) as never), deviceId: 'tab2', clientTime: Date.now(), rows });
    expect((await pulled()).refused).toBeTruthy();
    const retry = await call('fs.grid', 'PUT', doc.id, { body: bytes, range: 'bytes 0-11999/12000' });
    expect(await retry.json()).toMatchObject({ complete: true });
    const done = await pulled();
    expect(done.uploaded).toBe(true);
    expect(done).not.toHaveProperty('refused');
  });

  it('refuses another worker’s photo, a foreign origin, a bad range and a wrong total, each with zh/en', async () => {
    const bytes = jpeg(20_000);
    const doc = await pushPhoto('fs.committee', bytes);
    const notMine = await call('fs.grid', 'PUT', doc.id, { body: bytes, range: 'bytes 0-19999/20000' });
    expect(notMine.status).toBe(403);
    expect((await notMine.json()).error.zh).toBeTruthy();
    expect((await call('fs.committee', 'PUT', doc.id, { body: bytes, range: 'bytes 0-19999/20000', origin: 'http://evil.test' })).status).toBe(403);
    expect((await call('fs.committee', 'PUT', doc.id, { body: bytes, range: 'bytes 5-1/20000' })).status).toBe(400);
    const total = await call('fs.committee', 'PUT', doc.id, { body: bytes.subarray(0, 100), range: 'bytes 0-99/30000' });
    expect(total.status).toBe(400);
    expect((await total.json()).error.en).toContain('30000');
    // A guard of another community does not even see it.
    expect((await call('moma.guard', 'HEAD', doc.id)).status).toBe(404);
    expect(grid).toBeTruthy();
  });
});
