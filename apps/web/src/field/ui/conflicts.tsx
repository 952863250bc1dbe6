'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ConflictDoc } from '@linli/sync';
import { useEffect, useState } from 'react';
import { queryPlain } from '../db';
import { useField, useRx } from './context';
import { useValueText } from './values';
import s from './field.module.css';

/**
 * Conflicts of this worker's pushes (and clashes with their own steps): both values side by side,
 * so the worker sees that their version was kept (on the server, for the office to decide) and
 * not thrown away. Below, the latest values a rule overrode (auto-resolved), so those are seen too.
 */
export function ConflictList() {
  const t = useTranslations('field.conflicts');
  // Read as plain documents (see queryPlain; find queries cannot build documents of this
  // collection, counts work), re-read whenever the counts change.
  const { db } = useField();
  const openCount = useRx((d) => d.conflicts.count({ selector: { status: 'open' } }).$, [], 0);
  const noticeCount = useRx((d) => d.conflicts.count({ selector: { status: 'auto_resolved' } }).$, [], 0);
  const [open, setOpen] = useState<ConflictDoc[]>([]);
  const [notices, setNotices] = useState<ConflictDoc[]>([]);
  useEffect(() => {
    let live = true;
    const read = (status: ConflictDoc['status'], limit: number) => queryPlain(db.conflicts, { selector: { status }, sort: [{ updatedAt: 'desc' }, { id: 'desc' }], limit });
    void Promise.all([read('open', 20), read('auto_resolved', 10)]).then(([o, n]) => {
      if (!live) return;
      setOpen(o);
      setNotices(n);
    });
    return () => {
      live = false;
    };
  }, [db, openCount, noticeCount]);
  return (
    <div className={s.list} data-testid="conflict-list">
      {open.length === 0 ? <p className={s.meta}>{t('none')}</p> : open.map((c) => <ConflictCard key={c.id} c={c} />)}
      {notices.length > 0 && (
        <>
          <p className={s.meta}>{t('autoResolved')}</p>
          {notices.map((c) => (
            <ConflictCard key={c.id} c={c} />
          ))}
        </>
      )}
    </div>
  );
}

function ConflictCard({ c }: { c: ConflictDoc }) {
  const t = useTranslations('field.conflicts');
  const locale = useLocale();
  const { label, text } = useValueText();
  const open = c.status === 'open';
  return (
    <div className="card" data-testid={open ? 'conflict' : 'conflict-notice'}>
      <div className={s.itemHead}>
        <span className={s.itemTitle}>
          {t(`collections.${c.collection}` as never)}
          {recordName(c) && ` · ${recordName(c)}`}
        </span>
        <span className={`${s.badge} ${open ? s.badgeWarn : ''}`}>{open ? t('open') : t('byRule')}</span>
      </div>
      {c.fields.map((f) => (
        <div key={f.path} className={s.meta} data-testid="conflict-field">
          <b>{label(c.collection, f.path)}</b>: {t('server')} “{text(c.collection, f.path, f.server)}” · {t('tablet')} “{text(c.collection, f.path, f.tablet)}” — {locale === 'en' ? f.reason.en : f.reason.zh}
        </div>
      ))}
    </div>
  );
}

/** A title a worker recognises the record by, when it has one. */
function recordName(c: ConflictDoc): string {
  const doc = (c.newDoc ?? c.realMaster) as { title?: unknown };
  return typeof doc.title === 'string' ? doc.title : '';
}
