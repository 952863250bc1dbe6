'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Notice } from '@/components/ui';
import styles from '../console.module.css';
import local from './devices.module.css';
import { downloadText, toCsv } from './csv';
import { useEscapeToClose } from '@/components/use-escape-to-close';

export interface IssuedSecret {
  id: string;
  code: string;
  secret: string;
}

/**
 * The device secrets just issued. They are shown here once (only a hash is stored), so closing
 * asks the user to confirm they saved them.
 */
export function SecretsDialog({ tenantId, secrets, onClose, rotated = false }: { tenantId: string; secrets: IssuedSecret[]; onClose: () => void; rotated?: boolean }) {
  const t = useTranslations('devices.secrets');
  const titleId = useId();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const csv = () => toCsv([['code', 'deviceId', 'tenantId', 'secret', 'topicPrefix'], ...secrets.map((s) => [s.code, s.id, tenantId, s.secret, `linli/v1/${tenantId}/${s.id}/`])]);

  // The secrets are shown once: Escape closes only after the operator confirmed they are saved.
  useEscapeToClose(onClose, !saved);

  async function copy() {
    const text = secrets.map((s) => `${s.code}\t${s.id}\t${s.secret}`).join('\n');
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setSaved(true);
    } catch {
      // No clipboard (plain http): the table text can still be selected by hand.
      setCopied(false);
    }
  }
  function download() {
    downloadText(`device-secrets-${new Date().toISOString().slice(0, 10)}.csv`, csv());
    setSaved(true);
  }

  return (
    <div className="dialog-backdrop">
      <div className={`dialog ${local.wideDialog}`} role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid="secrets-dialog">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{rotated ? t('rotatedTitle') : t('title', { count: secrets.length })}</h2>
        </div>
        <div className="notice notice-error" role="alert">
          <strong>{t('warningTitle')}</strong> {t('warning')}
        </div>
        <p className="field-hint">{t('connectHint', { tenantId })}</p>
        <div className={`table-wrap ${local.secretTable}`}>
          <table>
            <thead>
              <tr>
                <th>{t('code')}</th>
                <th>{t('deviceId')}</th>
                <th>{t('secret')}</th>
              </tr>
            </thead>
            <tbody>
              {secrets.map((s) => (
                <tr key={s.id}>
                  <td className={styles.nowrap}>{s.code}</td>
                  <td className={styles.mono}>{s.id}</td>
                  <td className={`${styles.mono} ${local.secret}`} data-testid="device-secret">
                    {s.secret}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {copied && <Notice kind="success">{t('copied')}</Notice>}
        <div className={local.secretActions}>
          <button type="button" className="btn btn-ghost" onClick={() => void copy()}>
            {t('copy')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={download} data-testid="secrets-download">
            {t('download')}
          </button>
        </div>
        <label className={local.check}>
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="secrets-saved" />
          {t('savedConfirm')}
        </label>
        <div className={styles.dialogFoot}>
          <button type="button" className="btn" disabled={!saved} onClick={onClose} data-testid="secrets-close">
            {t('close')}
          </button>
        </div>
      </div>
    </div>
  );
}
