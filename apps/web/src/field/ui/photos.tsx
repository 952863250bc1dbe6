'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { PhotoDoc } from '@linli/sync';
import { captureProblem, compressPhoto } from '../photos/capture';
import { photoStore } from '../photos/store';
import { plain, useField, useRx } from './context';
import s from './field.module.css';

type Linked = NonNullable<PhotoDoc['linkedCollection']>;

/**
 * Takes a photo (camera on a tablet, file elsewhere), compresses and keeps it on the device. A
 * file that cannot be kept is refused with the reason in the page's language; the form around it
 * (the report being written) is untouched and can be saved without the photo.
 */
export function PhotoInput({ linkedCollection, linkedId, onAdded, testId, label }: { linkedCollection: Linked; linkedId: string; onAdded: (photoId: string) => void | Promise<void>; testId?: string; label?: string }) {
  const t = useTranslations('field.photos');
  const { user, engine, uploader } = useField();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function take(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    if (!file.type.startsWith('image/')) return setError(t('notImage'));
    setBusy(true);
    setError(null);
    try {
      const shot = await compressPhoto(file);
      const id = crypto.randomUUID();
      await photoStore(user.id).blobs.put({ id, blob: shot.blob, sha256: shot.sha256, size: shot.blob.size, mime: shot.mime });
      const doc: PhotoDoc = {
        id,
        tenantId: user.tenantId,
        updatedAt: 0,
        sha256: shot.sha256,
        size: shot.blob.size,
        mime: shot.mime,
        width: shot.width,
        height: shot.height,
        takenAt: Date.now(),
        takenBy: user.id,
        linkedCollection,
        linkedId,
        uploaded: false,
      };
      await engine.insert('photos', doc);
      await onAdded(id);
      uploader.kick();
    } catch (e) {
      setError(t('failed', { error: t(`errors.${captureProblem(e)}`) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="field">
      <label className="btn btn-ghost" style={{ alignSelf: 'flex-start' }}>
        {busy ? t('processing') : (label ?? t('take'))}
        <input type="file" accept="image/*" capture="environment" hidden disabled={busy} data-testid={testId ?? 'photo-input'} onChange={(e) => void take(e.target.files).then(() => (e.target.value = ''))} />
      </label>
      {error && <p className="field-error" role="alert" data-testid="photo-error">{error}</p>}
    </div>
  );
}

/** The photos of a record, from the device's own copies; each tells whether it reached the server. */
export function PhotoThumbs({ ids }: { ids: readonly string[] }) {
  const t = useTranslations('field.photos');
  const { user } = useField();
  const locale = useLocale();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<Record<string, string>>({});
  const key = ids.join(',');
  const docs = useRx((db) => db.photos.find({ selector: { id: { $in: [...ids] } } }).$, [key], []);
  const uploaded = new Set(plain(docs).filter((p) => p.uploaded).map((p) => p.id));
  // The server's verdict reaches every tablet of the worker; the local one only this tablet.
  const refusedOnServer = new Map(plain(docs).flatMap((p) => (p.refused ? [[p.id, locale === 'en' ? p.refused.en : p.refused.zh] as const] : [])));
  useEffect(() => {
    let made: string[] = [];
    void (async () => {
      const rows = await photoStore(user.id).blobs.bulkGet([...ids]);
      const next: Record<string, string> = {};
      const bad: Record<string, string> = {};
      rows.forEach((r, i) => {
        if (r?.refused) bad[ids[i]!] = locale === 'en' ? r.refused.en : r.refused.zh;
        if (r) {
          const url = URL.createObjectURL(r.blob);
          made.push(url);
          next[ids[i]!] = url;
        }
      });
      setUrls(next);
      setRefused(bad);
    })();
    return () => {
      for (const u of made) URL.revokeObjectURL(u);
      made = [];
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, user.id, locale]);
  if (ids.length === 0) return null;
  return (
    <div className={s.thumbs}>
      {ids.map((id) => {
        const why = refusedOnServer.get(id) ?? refused[id];
        return (
          <span key={id} className={s.thumbWrap} data-testid="photo-thumb" data-uploaded={uploaded.has(id) ? '1' : '0'} data-refused={why ? '1' : '0'} title={why}>
            {urls[id] ? <img className={s.thumb} src={urls[id]} alt="" /> : <span className={s.thumb} style={{ display: 'inline-block' }} />}
            <span className={s.thumbState}>{uploaded.has(id) ? t('uploaded') : why ? t('refused') : t('waiting')}</span>
          </span>
        );
      })}
    </div>
  );
}
