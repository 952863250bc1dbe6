'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { PhotoDoc } from '@linli/sync';
import { holdsPhotos, linkPhoto } from '../photos/link';
import type { StoredPhoto } from '../photos/store';
import { useField, useSyncStatus } from './context';
import { PhotoInput } from './photos';
import s from './field.module.css';

interface Refused {
  doc: PhotoDoc;
  stored: StoredPhoto | undefined;
}

/**
 * Photos the server refused, with its reason: send again (the bytes are on this tablet), replace
 * with a new photo for the same record, or give up on it. Until the worker decides, the photo is
 * neither "waiting" nor forgotten.
 */
export function RefusedPhotos() {
  const t = useTranslations('field.photos');
  const tc = useTranslations('field.conflicts');
  const locale = useLocale();
  const { uploader, engine } = useField();
  const st = useSyncStatus();
  const [list, setList] = useState<Refused[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void uploader.states().then((all) => live && setList(all.filter((p) => p.state === 'refused')));
    return () => {
      live = false;
    };
  }, [uploader, st.refusedPhotos, st.pendingPhotos]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch {
      setError(t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.list} data-testid="refused-photos">
      {list.map(({ doc, stored }) => {
        const why = stored?.refused ?? doc.refused;
        const holder = doc.linkedCollection;
        return (
          <div key={doc.id} className="card" data-testid="refused-photo">
            <div className={s.itemHead}>
              <span className={s.itemTitle}>{holder ? tc(`collections.${holder}` as never) : t('unlinked')}</span>
              <span className={`${s.badge} ${s.badgeBad}`}>{t('refused')}</span>
            </div>
            {why && <p className={s.meta}>{locale === 'en' ? why.en : why.zh}</p>}
            {!stored && <p className={s.meta}>{t('bytesElsewhere')}</p>}
            <div className={s.row}>
              {stored && (
                <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void act(() => uploader.retry(doc.id))} data-testid="photo-retry">
                  {t('retry')}
                </button>
              )}
              <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void act(() => uploader.dismiss(doc.id))} data-testid="photo-dismiss">
                {t('dismiss')}
              </button>
            </div>
            {holdsPhotos(holder) && doc.linkedId && (
              <PhotoInput
                linkedCollection={holder}
                linkedId={doc.linkedId}
                testId="photo-replace"
                label={t('replace')}
                onAdded={(pid) =>
                  act(async () => {
                    await engine.modify(holder, doc.linkedId!, (latest) => linkPhoto(holder, latest, pid, { replaces: doc.id }));
                    await uploader.dismiss(doc.id);
                  })
                }
              />
            )}
          </div>
        );
      })}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
