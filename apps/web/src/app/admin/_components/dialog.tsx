'use client';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import styles from '../admin.module.css';
import { useEscapeToClose } from '@/components/use-escape-to-close';

/** A modal dialog: Escape closes it, focus moves inside; clicking outside does not discard input. */
export function Dialog({ title, onClose, children, wide, testId }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const t = useTranslations('admin.common');
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEscapeToClose(onClose);
  useEffect(() => {
    // Focus moves into the dialog once, when it opens; the previous focus comes back on close.
    const before = document.activeElement as HTMLElement | null;
    const root = box.current;
    (root?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea') ?? root?.querySelector<HTMLElement>('[data-autofocus]'))?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div className={`dialog${wide ? ` ${styles.wide}` : ''}`} role="dialog" aria-modal="true" aria-labelledby={id} ref={box} data-testid={testId}>
        <div className={styles.dialogHead}>
          <h2 id={id}>{title}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label={t('close')}>
            ✕
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** Asks before a consequential action; explains what will happen in the body. */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  danger = true,
  onConfirm,
  onCancel,
}: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  pending?: boolean;
  error?: string | null;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('common');
  return (
    <Dialog title={title} onClose={onCancel} testId="confirm-dialog">
      <div className={styles.confirmBody}>{body}</div>
      {error && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      <div className={styles.dialogActions}>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={pending} data-autofocus>
          {t('cancel')}
        </button>
        <button type="button" className={`btn${danger ? ' btn-danger' : ''}`} onClick={onConfirm} disabled={pending} data-testid="confirm-ok">
          {pending && pendingLabel ? pendingLabel : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
