'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Notice } from '@/components/ui';
import type { PublicJob } from '@/app/api/cim/import/jobs';
import { BUILDING_COLUMNS, HOUSEHOLD_COLUMNS } from '@linli/cim/import/columns';
import styles from '../registry.module.css';

type Role = 'workbook' | 'buildings' | 'households' | 'footprints' | 'site';
const EXT: Record<Role, string> = { workbook: '.xlsx', buildings: '.csv', households: '.csv', footprints: '.geojson', site: '.geojson' };
const PAGE = 50;

/** Upload with progress (XHR), then poll the job: validation report → commit with stage progress → result. */
export function ImportWizard({ tenant, maxFileBytes }: { tenant: string; maxFileBytes: number }) {
  const t = useTranslations('cim.import');
  const locale = useLocale();
  const en = locale === 'en';
  const [files, setFiles] = useState<Partial<Record<Role, File>>>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Role, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [uploadPct, setUploadPct] = useState<number | null>(null);
  const [job, setJob] = useState<PublicJob | null>(null);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [page, setPage] = useState(0);
  const poll = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mb = Math.round(maxFileBytes / 1024 / 1024);
  const q = `tenant=${encodeURIComponent(tenant)}`;

  useEffect(() => () => {
    if (poll.current) clearTimeout(poll.current);
  }, []);

  const watch = (id: string) => {
    const tick = async () => {
      const res = await fetch(`/api/cim/import/${id}?${q}`, { cache: 'no-store' });
      const body = (await res.json()) as PublicJob & { error?: { zh: string; en: string } };
      if (!res.ok) {
        setFormError(body.error ? (en ? body.error.en : body.error.zh) : t('expired'));
        return;
      }
      setJob(body);
      if (body.stage === 'validating' || body.stage === 'committing') poll.current = setTimeout(tick, 400);
    };
    void tick();
  };

  const pick = (role: Role, file: File | undefined) => {
    const errs = { ...fieldErrors };
    delete errs[role];
    if (file) {
      if (!file.name.toLowerCase().endsWith(EXT[role]) && !(role === 'footprints' || role === 'site' ? file.name.toLowerCase().endsWith('.json') : false)) {
        errs[role] = t('wrongType', { name: file.name, ext: EXT[role] });
      } else if (file.size > maxFileBytes) {
        errs[role] = t('tooLarge', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1), mb });
      }
    }
    setFieldErrors(errs);
    setFiles((f) => ({ ...f, [role]: file }));
  };

  const upload = () => {
    setFormError(null);
    const chosen = Object.entries(files).filter(([, f]) => f) as [Role, File][];
    if (chosen.length === 0) return setFormError(t('none'));
    if (files.workbook && (files.buildings || files.households)) return setFormError(t('bothFormats'));
    if (Object.keys(fieldErrors).length > 0) return;
    const form = new FormData();
    for (const [role, f] of chosen) form.append(role, f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cim/import?${q}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && setUploadPct(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setUploadPct(null);
      let body: (PublicJob & { error?: { zh: string; en: string } }) | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status !== 202 || !body) {
        setFormError(body?.error ? (en ? body.error.en : body.error.zh) : t('failed'));
        return;
      }
      setJob(body);
      setPage(0);
      watch(body.id);
    };
    xhr.onerror = () => {
      setUploadPct(null);
      setFormError(t('failed'));
    };
    setUploadPct(0);
    xhr.send(form);
  };

  const commit = async () => {
    if (!job) return;
    const res = await fetch(`/api/cim/import/${job.id}/commit?${q}`, { method: 'POST' });
    const body = (await res.json()) as PublicJob & { error?: { zh: string; en: string } };
    if (!res.ok) return setFormError(body.error ? (en ? body.error.en : body.error.zh) : t('failed'));
    setJob(body);
    watch(job.id);
  };

  const reset = () => {
    setJob(null);
    setFiles({});
    setFieldErrors({});
    setFormError(null);
  };

  const problems = useMemo(() => (job ? job.problems.filter((p) => !errorsOnly || p.severity === 'error') : []), [job, errorsOnly]);
  const busy = uploadPct !== null || job?.stage === 'validating' || job?.stage === 'committing';
  const fileInput = (role: Role, accept: string) => (
    <div className={`field${fieldErrors[role] ? ' field-invalid' : ''}`}>
      <label htmlFor={`file-${role}`}>{t(role)}</label>
      <input id={`file-${role}`} type="file" accept={accept} disabled={busy} onChange={(e) => pick(role, e.target.files?.[0])} data-testid={`file-${role}`} />
      {fieldErrors[role] ? <p className="field-error" role="alert">{fieldErrors[role]}</p> : null}
    </div>
  );
  const fieldLabel = (file: string, field: string | null): string => {
    if (field === null) return '';
    const cols = file === 'buildings' ? BUILDING_COLUMNS : file === 'households' ? HOUSEHOLD_COLUMNS : [];
    const c = cols.find((x) => x.key === field);
    return c ? (en ? c.en : c.zh) : field;
  };
  const pct = (done: number, total: number) => (total > 0 ? Math.round((done / total) * 100) : 0);

  return (
    <div className={styles.steps}>
      <section className="card">
        <h2>{t('step1')}</h2>
        <div className={styles.templates}>
          <a className="btn btn-ghost" href={`/api/cim/import/template?${q}&file=xlsx`} download>{t('templates')}</a>
          <a className="btn btn-ghost" href={`/api/cim/import/template?${q}&file=buildings`} download>{t('templateBuildings')}</a>
          <a className="btn btn-ghost" href={`/api/cim/import/template?${q}&file=households`} download>{t('templateHouseholds')}</a>
          <a className="btn btn-ghost" href={`/api/cim/import/template?${q}&file=footprints`} download>{t('templateFootprints')}</a>
          <a className="btn btn-ghost" href={`/api/cim/import/template?${q}&file=site`} download>{t('templateSite')}</a>
        </div>
      </section>

      {/* Hidden, not unmounted, while a job runs: the chosen files stay visible in the inputs. */}
      {job?.stage !== 'done' && (
        <section className="card" style={job && (job.stage === 'validating' || job.stage === 'committing') ? { display: 'none' } : undefined}>
          <h2>{t('step2')}</h2>
          <p className="field-hint">{t('limit', { mb })}</p>
          <div className={styles.fileGrid}>
            {fileInput('workbook', '.xlsx')}
            <div>
              <p className="field-hint">{t('orCsv')}</p>
              {fileInput('buildings', '.csv,text/csv')}
              {fileInput('households', '.csv,text/csv')}
            </div>
            {fileInput('footprints', '.geojson,.json')}
            {fileInput('site', '.geojson,.json')}
          </div>
          {formError && <Notice>{formError}</Notice>}
          <button type="button" className="btn" onClick={upload} disabled={busy} data-testid="upload">
            {uploadPct !== null ? t('uploading', { pct: uploadPct }) : t('upload')}
          </button>
          {uploadPct !== null && (
            <div className={styles.progress} role="progressbar" aria-valuenow={uploadPct} aria-valuemin={0} aria-valuemax={100}>
              <span style={{ width: `${uploadPct}%` }} />
            </div>
          )}
        </section>
      )}

      {job && (
        <section className="card" data-testid="import-report" data-stage={job.stage}>
          <h2>{t('step3')}</h2>
          {job.stage === 'validating' && (
            <>
              <p>
                {t('validating')} {job.progress ? `${t(`stages.${job.progress.stage}`)} ${job.progress.done}/${job.progress.total}` : ''}
              </p>
              <div className={styles.progress} role="progressbar" aria-busy="true">
                <span style={{ width: `${job.progress?.stage === 'parse' ? pct(job.progress.done, job.progress.total) * 0.8 : 90}%` }} />
              </div>
            </>
          )}
          {job.counts && (
            <p>
              {t('counts', { ...job.counts, boundary: job.counts.boundary ? 'true' : 'false' })}
            </p>
          )}
          {job.stage === 'rejected' && <Notice>{t('rejected', { errors: job.errors })}</Notice>}
          {job.stage === 'failed' && <Notice>{job.error ? (en ? job.error.en : job.error.zh) : t('failed')}</Notice>}
          {job.stage === 'ready' && <Notice kind="info">{t('ready', { warnings: job.warnings })}</Notice>}
          {job.problems.length > 0 && (
            <>
              <div className="toolbar">
                <button type="button" className={`btn btn-small${errorsOnly ? '' : ' btn-ghost'}`} onClick={() => { setErrorsOnly(true); setPage(0); }}>
                  {t('showErrors')} ({job.errors})
                </button>
                <button type="button" className={`btn btn-small${errorsOnly ? ' btn-ghost' : ''}`} onClick={() => { setErrorsOnly(false); setPage(0); }}>
                  {t('showAll')} ({job.errors + job.warnings})
                </button>
                {job.errors + job.warnings > job.problems.length && <span className="field-hint">{t('truncated', { shown: job.problems.length, total: job.errors + job.warnings })}</span>}
              </div>
              <div className={`table-wrap ${styles.problems}`}>
                <table data-testid="problems">
                  <thead>
                    <tr>
                      <th>{t('col.severity')}</th>
                      <th>{t('col.file')}</th>
                      <th className="num">{t('col.row')}</th>
                      <th>{t('col.field')}</th>
                      <th>{t('col.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problems.slice(page * PAGE, (page + 1) * PAGE).map((p, i) => (
                      <tr key={`${page}-${i}`} data-testid="problem-row" data-code={p.code}>
                        <td>
                          <span className={`badge ${p.severity === 'error' ? 'badge-danger' : 'badge-warn'}`}>{p.severity === 'error' ? t('error') : t('warning')}</span>
                        </td>
                        <td>{t(`files.${p.file}`)}</td>
                        <td className="num">{p.row ?? t('whole')}</td>
                        <td>{fieldLabel(p.file, p.field)}</td>
                        <td>{en ? p.en : p.zh}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {problems.length > PAGE && (
                <nav className="pager">
                  <button type="button" className="btn btn-ghost" disabled={page === 0} onClick={() => setPage(page - 1)}>‹</button>
                  <span>
                    {page + 1} / {Math.ceil(problems.length / PAGE)}
                  </span>
                  <button type="button" className="btn btn-ghost" disabled={(page + 1) * PAGE >= problems.length} onClick={() => setPage(page + 1)}>›</button>
                </nav>
              )}
            </>
          )}
          {job.stage === 'ready' && (
            <button type="button" className="btn" onClick={commit} data-testid="commit">
              {t('commit')}
            </button>
          )}
          {job.stage === 'committing' && (
            <>
              <p>
                {t('committing')} {job.progress ? `${t(`stages.${job.progress.stage}`)} ${job.progress.done}/${job.progress.total}` : ''}
              </p>
              <div className={styles.progress} role="progressbar" aria-valuenow={job.progress ? pct(job.progress.done, job.progress.total) : 0}>
                <span style={{ width: `${job.progress ? pct(job.progress.done, job.progress.total) : 0}%` }} />
              </div>
            </>
          )}
          {job.stage === 'done' && job.result && (
            <div data-testid="import-result">
              <Notice kind="success">{t('done', { ms: job.result.durationMs, version: job.result.version })}</Notice>
              <ul>
                <li>{t('result.buildings', job.result.buildings)}</li>
                <li>{t('result.households', job.result.households)}</li>
                <li>
                  {t('result.other', {
                    units: job.result.units,
                    footprints: job.result.footprints,
                    roads: job.result.roads,
                    parking: job.result.parking,
                    spaces: job.result.parkingSpaces,
                    facilities: job.result.facilities,
                  })}
                </li>
              </ul>
              <div className="toolbar">
                <Link className="btn" href={`/c/${tenant}/registry`}>{t('toList')}</Link>
                <button type="button" className="btn btn-ghost" onClick={reset}>{t('again')}</button>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
