'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ConflictDoc } from '@linli/sync';
import { useEffect, useState } from 'react';
import { queryPlain } from '../db';
import { useField, useRx } from './context';
import s from './field.module.css';

const show = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Open conflicts of this worker's pushes: both values side by side, so the worker sees that their
 * version was kept (on the server, for the office to decide) and not thrown away.
 */
export function ConflictList() {
  const t = useTranslations('field.conflicts');
  const locale = useLocale();
  // Read as plain documents (see queryPlain), re-read whenever the count of open ones changes.
  const { db } = useField();
  const count = useRx((d) => d.conflicts.count({ selector: { status: 'open' } }).$, [], 0);
  const [open, setOpen] = useState<ConflictDoc[]>([]);
  useEffect(() => {
    let live = true;
    void queryPlain(db.conflicts, { selector: { status: 'open' }, sort: [{ updatedAt: 'desc' }, { id: 'desc' }], limit: 20 }).then((docs) => live && setOpen(docs));
    return () => {
      live = false;
    };
  }, [db, count]);
  if (open.length === 0) return <p className={s.meta}>{t('none')}</p>;
  return (
    <div className={s.list} data-testid="conflict-list">
      {open.map((c) => (
        <div key={c.id} className="card" data-testid="conflict">
          <div className={s.itemHead}>
            <span className={s.itemTitle}>{t(`collections.${c.collection}` as never)}</span>
            <span className={`${s.badge} ${s.badgeWarn}`}>{t('open')}</span>
          </div>
          {c.fields.map((f) => (
            <div key={f.path} className={s.meta}>
              <b>{f.path}</b>: {t('server')} “{show(f.server)}” · {t('tablet')} “{show(f.tablet)}” — {locale === 'en' ? f.reason.en : f.reason.zh}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
