'use client';
import { useMutation } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState, type ChangeEvent } from 'react';
import { Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import local from './devices.module.css';
import { IMPORT_HEADER, parseDeviceCsv, TEMPLATE_CSV, type DeviceInput, type RowProblem } from './csv';
import type { IssuedSecret } from './secrets-dialog';
import { useEscapeToClose } from '@/components/use-escape-to-close';

const PREVIEW_ROWS = 50;

/** The server's row-level problems of a refused import (nothing was written). */
function rowErrorsOf(error: unknown): RowProblem[] {
  if (!(error instanceof TRPCClientError)) return [];
  const details = (error.data as { details?: { rowErrors?: RowProblem[] } } | undefined)?.details;
  return Array.isArray(details?.rowErrors) ? details.rowErrors : [];
}

/** Excel in China often saves CSV as GB18030; anything that is not valid UTF-8 is read as that. */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** CSV import: parsed and checked in the browser, sent as one batch; all or nothing. */
export function ImportDialog({ tenant, kindName, knownKinds, onClose, onDone }: { tenant: string; kindName: (kind: string) => string; knownKinds: Set<string>; onClose: () => void; onDone: (secrets: IssuedSecret[]) => void }) {
  const t = useTranslations('devices.import');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const titleId = useId();
  const [fileName, setFileName] = useState<string | null>(null);
  const [parsed, setParsed] = useState<{ devices: DeviceInput[]; problems: RowProblem[] } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [templateUrl, setTemplateUrl] = useState<string | null>(null);
  const provision = useMutation(trpc.devices.provision.mutationOptions({ onSuccess: (r) => onDone(r) }));
  const sending = provision.isPending;

  useEffect(() => {
    const url = URL.createObjectURL(new Blob(['\uFEFF', TEMPLATE_CSV], { type: 'text/csv;charset=utf-8' }));
    setTemplateUrl(url);
    return () => URL.revokeObjectURL(url);
  }, []);
  useEscapeToClose(onClose, sending);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    provision.reset();
    setParsed(null);
    setReadError(null);
    if (!file) return setFileName(null);
    setFileName(file.name);
    if (file.size > 5 * 1024 * 1024) return setReadError(t('tooLarge'));
    try {
      setParsed(parseDeviceCsv(await readText(file)));
    } catch {
      setReadError(t('readFailed'));
    }
  }

  const serverRows = rowErrorsOf(provision.error);
  const problems = serverRows.length ? serverRows : (parsed?.problems ?? []);
  const badRows = useMemo(() => new Set(problems.map((p) => p.row)), [problems]);
  const fieldLabel = (f: string) => (t.has(`fields.${f}`) ? t(`fields.${f}`) : f);
  const ready = !!parsed && parsed.devices.length > 0 && parsed.problems.length === 0;

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !sending && onClose()}>
      <div className={`dialog ${local.wideDialog}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="import-dialog">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{t('title')}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={sending} aria-label={tc('cancel')}>
            ✕
          </button>
        </div>
        <p className="field-hint">{t('intro')}</p>
        <p className={`${styles.mono} ${local.header}`}>{IMPORT_HEADER.join(',')}</p>
        <div className={local.importBar}>
          <label className={`btn btn-ghost ${local.fileBtn}`}>
            {t('choose')}
            <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={sending} data-testid="import-file" />
          </label>
          <span className={styles.muted}>{fileName ?? t('noFile')}</span>
          {templateUrl && (
            <a href={templateUrl} download="devices-template.csv" className={local.templateLink}>
              {t('template')}
            </a>
          )}
        </div>

        {readError && <Notice>{readError}</Notice>}
        {provision.error && !serverRows.length && <Notice>{errorText(provision.error, locale)}</Notice>}
        {problems.length > 0 && (
          <>
            <Notice>{serverRows.length ? t('serverRejected', { count: problems.length }) : t('fileProblems', { count: problems.length })}</Notice>
            <div className={`table-wrap ${local.problems}`} data-testid="import-problems">
              <table>
                <thead>
                  <tr>
                    <th className="num">{t('row')}</th>
                    <th>{t('field')}</th>
                    <th>{t('message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.slice(0, 200).map((p, i) => (
                    <tr key={i}>
                      <td className="num">{p.row === 0 ? t('headerRow') : p.row}</td>
                      <td className={styles.nowrap}>{fieldLabel(p.field)}</td>
                      <td>{locale === 'en' ? p.message.en : p.message.zh}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {problems.length > 200 && <p className="field-hint">{t('moreProblems', { count: problems.length - 200 })}</p>}
          </>
        )}

        {parsed && parsed.devices.length > 0 && (
          <>
            <h3 className={styles.subhead}>{t('preview', { count: parsed.devices.length })}</h3>
            <div className={`table-wrap ${local.preview}`}>
              <table>
                <thead>
                  <tr>
                    <th className="num">{t('row')}</th>
                    {IMPORT_HEADER.map((h) => (
                      <th key={h}>{fieldLabel(h)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {parsed.devices.slice(0, PREVIEW_ROWS).map((d, i) => (
                    <tr key={i} className={badRows.has(i + 1) ? local.badRow : undefined}>
                      <td className="num">{i + 1}</td>
                      <td className={styles.nowrap}>{d.code}</td>
                      <td className={styles.nowrap}>{knownKinds.has(d.kind) ? kindName(d.kind) : d.kind}</td>
                      <td>{d.name}</td>
                      <td>{d.buildingCode ?? ''}</td>
                      <td className="num">{d.floor ?? ''}</td>
                      <td className="num">{d.lng ?? ''}</td>
                      <td className="num">{d.lat ?? ''}</td>
                      <td>{d.zone ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {parsed.devices.length > PREVIEW_ROWS && <p className="field-hint">{t('previewMore', { count: parsed.devices.length - PREVIEW_ROWS })}</p>}
          </>
        )}

        {sending && (
          <p className={local.progress} role="status" aria-live="polite">
            {t('sending', { count: parsed?.devices.length ?? 0 })}
          </p>
        )}
        <div className={styles.dialogFoot}>
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={sending}>
            {tc('cancel')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={!ready || sending || serverRows.length > 0}
            onClick={() => parsed && provision.mutate({ tenant, rows: parsed.devices })}
            data-testid="import-submit"
          >
            {sending ? t('sendingShort') : t('submit', { count: parsed?.devices.length ?? 0 })}
          </button>
        </div>
      </div>
    </div>
  );
}
