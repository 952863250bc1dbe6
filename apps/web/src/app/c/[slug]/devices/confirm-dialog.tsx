'use client';
import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { Field, Notice } from '@/components/ui';
import styles from '../console.module.css';
import { useEscapeToClose } from '@/components/use-escape-to-close';

/** A yes/no question, optionally with a note to send along (e.g. closing an alarm). */
export function ConfirmDialog({
  title,
  body,
  confirm,
  danger = false,
  noteLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  body?: ReactNode;
  confirm: string;
  danger?: boolean;
  /** When set, an optional note field is shown and passed to onConfirm. */
  noteLabel?: string;
  busy: boolean;
  error?: string | null;
  onConfirm: (note: string) => void;
  onClose: () => void;
}) {
  const tc = useTranslations('common');
  const t = useTranslations('devices');
  const titleId = useId();
  const [note, setNote] = useState('');
  useEscapeToClose(onClose, busy);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid="confirm-dialog">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{title}</h2>
        </div>
        {error && <Notice>{error}</Notice>}
        {body && <div style={{ marginBottom: 12 }}>{body}</div>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm(note.trim());
          }}
        >
          {noteLabel && (
            <Field label={noteLabel} htmlFor="confirm-note" hint={t('noteHint', { used: [...note].length })} error={[...note].length > 500 ? t('noteTooLong') : undefined}>
              <textarea id="confirm-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} autoFocus style={{ padding: '8px 10px', border: '1px solid var(--line)', borderRadius: 6, font: 'inherit', width: '100%' }} />
            </Field>
          )}
          <div className={styles.dialogFoot}>
            <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
              {tc('cancel')}
            </button>
            <button type="submit" className={`btn${danger ? ' btn-danger' : ''}`} disabled={busy || [...note].length > 500} autoFocus={!noteLabel} data-testid="confirm-ok">
              {busy ? tc('loading') : confirm}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
