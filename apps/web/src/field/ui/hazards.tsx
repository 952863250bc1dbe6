'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { checkStep, reportCase, transition, type CaseDoc, type CaseKind, type CaseStatus } from '@linli/sync';
import { EmptyState } from '@/components/ui';
import { useField, useRecent, useRx } from './context';
import { linkPhoto } from '../photos/link';
import { PhotoInput, PhotoThumbs } from './photos';
import { PlacePicker, usePlaceNames, type PlacePick } from './places';
import s from './field.module.css';

type Go = (path: string) => void;
const KINDS: CaseKind[] = ['public_facility', 'fire', 'high_altitude_throwing', 'group_renting', 'environment'];
const fmt = (ms: number, locale: string) => new Date(ms).toLocaleString(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const SCOPES = ['mine', 'assigned', 'all'] as const;

/** Hazard reports (R6.5.1–R6.5.5) and the cases the worker follows, with their workflow steps. */
export function HazardsView({ path, go }: { path: string[]; go: Go }) {
  if (path[0] === 'new') return <ReportForm go={go} />;
  if (path[0]) return <CaseView id={path[0]} go={go} />;
  return <CaseList go={go} />;
}

function statusBadge(status: CaseStatus): string {
  if (status === 'verified' || status === 'closed') return s.badgeOk ?? '';
  if (status === 'rejected') return s.badgeBad ?? '';
  return s.badgeWarn ?? '';
}

function CaseList({ go }: { go: Go }) {
  const t = useTranslations('field.hazards');
  const locale = useLocale();
  const { user } = useField();
  const [scope, setScope] = useState<(typeof SCOPES)[number]>('mine');
  const [kind, setKind] = useState<'' | CaseKind>('');
  const [limit, setLimit] = useState(30);
  const selector: Record<string, unknown> = scope === 'mine' ? { reportedBy: user.id } : scope === 'assigned' ? { assigneeId: user.id } : {};
  if (kind) selector.kind = kind;
  const cases = useRecent<CaseDoc>((db) => db.cases as never, selector, limit + 1);
  const names = usePlaceNames(cases.map((c) => c.location.buildingId));
  return (
    <>
      <div className="toolbar">
        <button type="button" className={`btn ${s.big}`} onClick={() => go('new')} data-testid="report-hazard">{t('report')}</button>
        {SCOPES.map((k) => (
          <button key={k} type="button" className={`btn btn-small ${scope === k ? '' : 'btn-ghost'}`} aria-pressed={scope === k} onClick={() => setScope(k)}>{t(`scope.${k}`)}</button>
        ))}
        <select aria-label={t('kind')} value={kind} onChange={(e) => setKind(e.target.value as CaseKind | '')}>
          <option value="">{t('allKinds')}</option>
          {KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </select>
      </div>
      {cases.length === 0 ? (
        <EmptyState title={t('none')} hint={t('noneHint')} />
      ) : (
        <div className={s.list}>
          {cases.slice(0, limit).map((c) => (
            <button key={c.id} type="button" className={s.item} onClick={() => go(c.id)} data-testid="case-item">
              <div className={s.itemHead}>
                <span className={s.itemTitle}>{c.title}</span>
                <span className={`${s.badge} ${statusBadge(c.status)}`}>{t(`status.${c.status}`)}</span>
              </div>
              <div className={s.meta}>
                {t(`kinds.${c.kind}`)} · {fmt(c.reportedAt, locale)}
                {c.location.buildingId && names.get(c.location.buildingId) ? ` · ${names.get(c.location.buildingId)}` : ''}
                {c.updatedAt === 0 ? ` · ${t('notSent')}` : ''}
              </div>
            </button>
          ))}
          {cases.length > limit && <button type="button" className="btn btn-ghost" onClick={() => setLimit(limit + 30)}>{t('more')}</button>}
        </div>
      )}
    </>
  );
}

function ReportForm({ go }: { go: Go }) {
  const t = useTranslations('field.hazards');
  const { user, actor, engine } = useField();
  const [id] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<CaseKind | ''>('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState<PlacePick>({});
  const [gps, setGps] = useState<{ lng: number; lat: number } | null>(null);
  const [gpsNote, setGpsNote] = useState<string | null>(null);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problems = { kind: !kind, title: !title.trim(), description: !description.trim() };

  function locate() {
    if (!('geolocation' in navigator)) return setGpsNote(t('gpsUnavailable'));
    setGpsNote(t('gpsLocating'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setGps({ lng: Math.round(p.coords.longitude * 1e6) / 1e6, lat: Math.round(p.coords.latitude * 1e6) / 1e6 });
        setGpsNote(null);
      },
      (e) => setGpsNote(t('gpsFailed', { error: e.message })),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!kind || problems.title || problems.description) return;
    const location = {
      ...(place.buildingId ? { buildingId: place.buildingId } : {}),
      ...(place.unitId ? { unit: place.unitId } : {}),
      ...(place.householdId ? { householdId: place.householdId } : {}),
      ...(gps ?? {}),
    };
    const made = reportCase({ id, tenantId: user.tenantId, kind, title: title.trim(), description: description.trim(), location, photoIds, entryId: crypto.randomUUID() }, actor, Date.now());
    if (!made.ok) return setError(made.reason.zh + ' / ' + made.reason.en);
    await engine.insert('cases', made.case);
    go(id);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card">
      <h2>{t('reportTitle')}</h2>
      <div className={`field${touched && problems.kind ? ' field-invalid' : ''}`}>
        <label htmlFor="hz-kind">{t('kind')}</label>
        <select id="hz-kind" data-testid="hazard-kind" value={kind} onChange={(e) => setKind(e.target.value as CaseKind)}>
          <option value="">{t('chooseKind')}</option>
          {KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </select>
        {touched && problems.kind && <p className="field-error">{t('kindRequired')}</p>}
      </div>
      <div className={`field${touched && problems.title ? ' field-invalid' : ''}`}>
        <label htmlFor="hz-title">{t('titleLabel')}</label>
        <input id="hz-title" data-testid="hazard-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        {touched && problems.title && <p className="field-error">{t('titleRequired')}</p>}
      </div>
      <div className={`field${touched && problems.description ? ' field-invalid' : ''}`}>
        <label htmlFor="hz-desc">{t('description')}</label>
        <textarea id="hz-desc" data-testid="hazard-description" className={s.textarea} maxLength={10_000} value={description} onChange={(e) => setDescription(e.target.value)} />
        {touched && problems.description && <p className="field-error">{t('descriptionRequired')}</p>}
      </div>
      <PlacePicker value={place} onChange={setPlace} />
      <div className={s.row} style={{ marginBottom: 12 }}>
        <button type="button" className="btn btn-ghost" onClick={locate}>{t('gps')}</button>
        <span className={s.meta} data-testid="hazard-gps">{gps ? `${gps.lat}, ${gps.lng}` : gpsNote ?? t('gpsNone')}</span>
      </div>
      <PhotoThumbs ids={photoIds} />
      <PhotoInput linkedCollection="cases" linkedId={id} onAdded={(pid) => setPhotoIds((p) => [...p, pid])} />
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className={s.row}>
        <button type="submit" className={`btn ${s.big}`} data-testid="submit-hazard">{t('submit')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => go('')}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** The workflow steps a field worker may take on the tablet; each is checked again by the server. */
const FIELD_STEPS: { to: CaseStatus; key: string; needsNote: boolean }[] = [
  { to: 'in_progress', key: 'start', needsNote: false },
  { to: 'resolved', key: 'resolve', needsNote: false },
  { to: 'verified', key: 'verify', needsNote: false },
  { to: 'reopened', key: 'reopen', needsNote: true },
];

function CaseView({ id, go }: { id: string; go: Go }) {
  const t = useTranslations('field.hazards');
  const locale = useLocale();
  const { user, actor, engine } = useField();
  const doc = useRx((db) => db.cases.findOne(id).$, [id], null);
  const c = doc ? (doc.toMutableJSON() as CaseDoc) : null;
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const names = usePlaceNames([c?.location.buildingId, c?.location.unit, c?.location.householdId]);
  if (!c) return <EmptyState title={t('notFound')} hint={t('notFoundHint')} />;
  const steps = FIELD_STEPS.filter((st) => checkStep(c.status, st.to, actor, c.assigneeId, 'x', undefined) === null);

  // Steps, comments and photos apply to the newest stored case (SyncEngine.modify): a step is
  // judged on the status the case has at that moment, not the one on screen.
  async function step(to: CaseStatus, needsNote: boolean) {
    if (!c) return;
    if (needsNote && !note.trim()) return setError(t('noteRequired'));
    let refused: { zh: string; en: string } | null = null;
    await engine.modify('cases', id, (latest) => {
      const r = transition(latest, to, actor, Date.now(), note.trim() || undefined, { entryId: crypto.randomUUID() });
      if (r.ok) return r.case;
      refused = r.reason;
      return latest;
    });
    if (refused) return setError(locale === 'en' ? (refused as { en: string }).en : (refused as { zh: string }).zh);
    setError(null);
    setNote('');
  }

  async function addComment(e: FormEvent) {
    e.preventDefault();
    if (!comment.trim()) return;
    const text = comment.trim();
    await engine.modify('cases', id, (latest) => ({ ...latest, comments: [...latest.comments, { id: crypto.randomUUID(), at: Date.now(), by: user.id, text }] }));
    setComment('');
  }

  return (
    <>
      <button type="button" className={`btn btn-ghost ${s.back}`} onClick={() => go('')}>{t('back')}</button>
      <h2 data-testid="case-title">{c.title}</h2>
      <p className={s.meta}>
        {t(`kinds.${c.kind}`)} · <span className={`${s.badge} ${statusBadge(c.status)}`} data-testid="case-status">{t(`status.${c.status}`)}</span> · {fmt(c.reportedAt, locale)}
        {c.updatedAt === 0 ? ` · ${t('notSent')}` : ''}
      </p>
      <div className="card">
        <p style={{ whiteSpace: 'pre-wrap', marginTop: 0 }}>{c.description}</p>
        <p className={s.meta}>
          {[c.location.buildingId && names.get(c.location.buildingId), c.location.unit && names.get(c.location.unit), c.location.householdId && names.get(c.location.householdId)].filter(Boolean).join(' · ') || t('noPlace')}
          {c.location.lat !== undefined && ` · GPS ${c.location.lat}, ${c.location.lng}`}
        </p>
        <PhotoThumbs ids={c.photoIds} />
        <PhotoInput linkedCollection="cases" linkedId={c.id} onAdded={(pid) => engine.modify('cases', id, (latest) => linkPhoto('cases', latest, pid)).then(() => undefined)} />
      </div>
      {steps.length > 0 && (
        <div className="card">
          <h2>{t('actions')}</h2>
          <label className="field">
            {t('stepNote')}
            <textarea className={s.textarea} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} data-testid="step-note" />
          </label>
          <div className={s.row}>
            {steps.map((st) => (
              <button key={st.key} type="button" className={`btn ${s.big} ${st.needsNote ? 'btn-ghost' : ''}`} onClick={() => void step(st.to, st.needsNote)} data-testid={`step-${st.key}`}>
                {t(`steps.${st.key}`)}
              </button>
            ))}
          </div>
          {error && <p className="field-error" role="alert">{error}</p>}
        </div>
      )}
      <div className="card">
        <h2>{t('history')}</h2>
        <ol className={s.history}>
          {c.history.map((h) => (
            <li key={h.id}>
              <b>{t(`status.${h.to}`)}</b> <span className={s.meta}>{fmt(h.at, locale)}{h.by === user.id ? ` · ${t('me')}` : ''}</span>
              {h.note && <div>{h.note}</div>}
            </li>
          ))}
        </ol>
        <h2 style={{ marginTop: 12 }}>{t('comments')}</h2>
        {c.comments.map((cm) => (
          <p key={cm.id} data-testid="case-comment"><span className={s.meta}>{fmt(cm.at, locale)}{cm.by === user.id ? ` · ${t('me')}` : ''}</span><br />{cm.text}</p>
        ))}
        <form className={s.row} onSubmit={(e) => void addComment(e)}>
          <input aria-label={t('comment')} placeholder={t('comment')} value={comment} maxLength={4000} onChange={(e) => setComment(e.target.value)} data-testid="comment-input" style={{ flex: 1 }} />
          <button type="submit" className="btn" data-testid="comment-add">{t('addComment')}</button>
        </form>
      </div>
    </>
  );
}
