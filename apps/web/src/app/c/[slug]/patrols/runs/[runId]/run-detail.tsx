'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { PatrolRunDoc, Scan } from '@linli/sync';
import styles from '../../../console.module.css';
import { useName, when } from '../../../field-shared';

interface Detail {
  run: PatrolRunDoc;
  routeName: string;
  names: Record<string, string>;
  points: { id: string; name: string; order: number; expectedAt: number; scan: Scan | null; late: boolean; missed: boolean }[];
}

export function RunDetail({ tenant, detail }: { tenant: string; detail: Detail }) {
  const t = useTranslations('field-console.patrols.result');
  const tr = useTranslations('field-console.patrols.route');
  const name = useName(detail.names);
  const { run } = detail;
  return (
    <>
      <p><Link href={`/c/${tenant}/patrols?tab=runs`}>← {tr('back')}</Link></p>
      <section className="card">
        <dl className={styles.facts}>
          <dt>{t('col.worker')}</dt>
          <dd>{name(run.workerId)}</dd>
          <dt>{t('col.started')}</dt>
          <dd>{when(run.startedAt)}{run.finishedAt ? ` – ${when(run.finishedAt)}` : ''}</dd>
          <dt>{t('col.status')}</dt>
          <dd>{t(`status.${run.status}`)}</dd>
        </dl>
        {run.note && <p style={{ whiteSpace: 'pre-wrap' }}>{run.note}</p>}
        <div className={`table-wrap ${styles.table}`}>
          <table data-testid="run-points">
            <thead>
              <tr>
                <th>{tr('order')}</th>
                <th>{tr('name')}</th>
                <th>{t('expected')}</th>
                <th>{t('scanned')}</th>
                <th>{t('col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.points.map((p) => (
                <tr key={p.id}>
                  <td className="num">{p.order}</td>
                  <td>{p.name}</td>
                  <td className={styles.nowrap}>{when(p.expectedAt)}</td>
                  <td className={styles.nowrap}>
                    {p.scan ? `${when(p.scan.at)} · ${t(`method.${p.scan.method}`)}` : '—'}
                    {p.scan?.note && <div className={styles.muted}>{p.scan.note}</div>}
                  </td>
                  <td>
                    {p.missed ? <span className="badge badge-danger">{t('missedFlag')}</span> : p.late ? <span className="badge badge-warn">{t('lateFlag')}</span> : p.scan ? <span className="badge badge-ok">{t('ok')}</span> : <span className="badge">{t('notYet')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
