'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { Occupancy, VisitDoc, VulnerableFlag } from '@linli/sync';
import { EmptyState } from '@/components/ui';
import { plain, useField, useRecent, useRx } from './context';
import { useDraft } from './draft';
import { DraftNotice } from './draft-notice';
import { PhotoInput, PhotoThumbs } from './photos';
import { PlacePicker, usePlaceNames, type PlacePick } from './places';
import s from './field.module.css';

type Go = (path: string) => void;
const OCCUPANCY: Occupancy[] = ['occupied', 'vacant', 'rented', 'group_rented', 'unknown'];
const FLAGS: VulnerableFlag[] = ['elderly_alone', 'disabled', 'left_behind_child', 'serious_illness', 'low_income'];
const fmt = (ms: number, locale: string) => new Date(ms).toLocaleString(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Household visits (R6.6.9/R6.6.10): occupancy, notes, vulnerable residents. */
export function VisitsView({ path, go }: { path: string[]; go: Go }) {
  if (path[0] === 'new') return <VisitForm go={go} />;
  if (path[0]) return <VisitForm go={go} id={path[0]} />;
  return <VisitList go={go} />;
}

function VisitList({ go }: { go: Go }) {
  const t = useTranslations('field.visits');
  const locale = useLocale();
  const { user } = useField();
  const [flagged, setFlagged] = useState(false);
  const [limit, setLimit] = useState(30);
  // Flagged households are few: that filter reads them all; the plain list reads one page more than shown.
  const recent = useRecent<VisitDoc>((db) => db.visits as never, { workerId: user.id }, limit + 1);
  const all = plain(useRx((db) => db.visits.find({ selector: { workerId: user.id, 'vulnerable.0': { $exists: true } } as never }).$, [], [])) as VisitDoc[];
  const visits = flagged ? all.sort((a, b) => b.at - a.at) : recent;
  const shown = visits.filter((v) => !flagged || v.vulnerable.length > 0);
  const names = usePlaceNames(shown.slice(0, limit).map((v) => v.householdId));
  return (
    <>
      <div className="toolbar">
        <button type="button" className={`btn ${s.big}`} onClick={() => go('new')} data-testid="new-visit">{t('new')}</button>
        <label className={s.row} style={{ fontWeight: 400 }}>
          <input type="checkbox" checked={flagged} onChange={(e) => setFlagged(e.target.checked)} /> {t('onlyFlagged')}
        </label>
      </div>
      {shown.length === 0 ? (
        <EmptyState title={t('none')} hint={t('noneHint')} />
      ) : (
        <div className={s.list}>
          {shown.slice(0, limit).map((v) => (
            <button key={v.id} type="button" className={s.item} onClick={() => go(v.id)} data-testid="visit-item">
              <div className={s.itemHead}>
                <span className={s.itemTitle}>{names.get(v.householdId) ?? t('household')}</span>
                <span className={`${s.badge} ${v.vulnerable.length ? s.badgeWarn : ''}`}>{t(`occupancy.${v.occupancy}`)}</span>
              </div>
              <div className={s.meta}>
                {fmt(v.at, locale)}
                {v.vulnerable.map((f) => ` · ${t(`flags.${f}`)}`).join('')}
              </div>
            </button>
          ))}
          {shown.length > limit && <button type="button" className="btn btn-ghost" onClick={() => setLimit(limit + 30)}>{t('more')}</button>}
        </div>
      )}
    </>
  );
}

/** What the visit form edits, in form shape (the count as typed text, occupancy possibly unchosen). */
interface VisitFields {
  occupancy: Occupancy | '';
  seen: string;
  notes: string;
  vulnerable: VulnerableFlag[];
  photoIds: string[];
}
const EMPTY: VisitFields = { occupancy: '', seen: '', notes: '', vulnerable: [], photoIds: [] };
// Flags and photos are sets: a flag ticked here joins those another tablet ticked.
const SETS = ['vulnerable', 'photoIds'] as const;
const toFields = (v: VisitDoc): VisitFields => ({ occupancy: v.occupancy, seen: v.residentsSeen === undefined ? '' : String(v.residentsSeen), notes: v.notes, vulnerable: v.vulnerable, photoIds: v.photoIds });
function fromFields(base: VisitDoc, f: VisitFields): VisitDoc {
  const { residentsSeen: _old, ...rest } = base;
  return { ...rest, occupancy: f.occupancy as Occupancy, notes: f.notes === base.notes ? base.notes : f.notes.trim(), vulnerable: f.vulnerable, photoIds: f.photoIds, ...(f.seen === '' ? {} : { residentsSeen: Number(f.seen) }) };
}

function VisitForm({ go, id }: { go: Go; id?: string }) {
  const t = useTranslations('field.visits');
  const { user, engine } = useField();
  const existingDoc = useRx((db) => db.visits.findOne(id ?? '-').$, [id], null);
  const existing = existingDoc ? (existingDoc.toMutableJSON() as VisitDoc) : null;
  const [visitId] = useState(() => id ?? crypto.randomUUID());
  const [place, setPlace] = useState<PlacePick>({});
  // Only what the worker changes is written, onto the newest stored visit (see draft.ts).
  const draft = useDraft<VisitFields>(existing ? toFields(existing) : null, EMPTY, SETS);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const occupancy = draft.get('occupancy');
  const seen = draft.get('seen');
  const flags = draft.get('vulnerable');
  const householdId = existing?.householdId ?? place.householdId;
  const householdName = usePlaceNames([householdId]).get(householdId ?? '');
  const seenNum = seen === '' ? undefined : Number(seen);
  const problems = { household: !householdId, occupancy: !occupancy, seen: seenNum !== undefined && (!Number.isInteger(seenNum) || seenNum < 0 || seenNum > 50) };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (problems.household || !occupancy || problems.seen || !householdId || draft.clashes.length > 0) return;
    if (existing) {
      await engine.modify('visits', visitId, (latest) => fromFields(latest, draft.apply(toFields(latest))));
    } else {
      const base: VisitDoc = { id: visitId, tenantId: user.tenantId, updatedAt: 0, householdId, workerId: user.id, at: Date.now(), occupancy, notes: '', vulnerable: [], photoIds: [] };
      await engine.insert('visits', fromFields(base, draft.apply(EMPTY)));
    }
    setSaved(true);
    go('');
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card">
      <h2>{existing ? t('editTitle') : t('newTitle')}</h2>
      {existing ? <p className={s.meta}>{householdName ?? t('household')}</p> : <PlacePicker value={place} onChange={setPlace} needHousehold />}
      <DraftNotice draft={draft} collection="visits" paths={{ occupancy: 'occupancy', seen: 'residentsSeen', notes: 'notes', vulnerable: 'vulnerable', photoIds: 'photoIds' }} show={(k, v) => (k === 'seen' && v === '' ? undefined : v)} />
      {touched && problems.household && <p className="field-error">{t('householdRequired')}</p>}
      <div className={`field${touched && problems.occupancy ? ' field-invalid' : ''}`}>
        <label htmlFor="v-occ">{t('occupancyLabel')}</label>
        <select id="v-occ" data-testid="visit-occupancy" value={occupancy} onChange={(e) => draft.set('occupancy', e.target.value as Occupancy)}>
          <option value="">{t('choose')}</option>
          {OCCUPANCY.map((o) => <option key={o} value={o}>{t(`occupancy.${o}`)}</option>)}
        </select>
        {touched && problems.occupancy && <p className="field-error">{t('occupancyRequired')}</p>}
      </div>
      <div className={`field${touched && problems.seen ? ' field-invalid' : ''}`}>
        <label htmlFor="v-seen">{t('seen')}</label>
        <input id="v-seen" data-testid="visit-seen" type="number" min={0} max={50} value={seen} onChange={(e) => draft.set('seen', e.target.value)} />
        {touched && problems.seen && <p className="field-error">{t('seenInvalid')}</p>}
      </div>
      <div className="field">
        <label>{t('flagsLabel')}</label>
        <div className={s.checks}>
          {FLAGS.map((f) => (
            <label key={f}>
              <input type="checkbox" data-testid={`flag-${f}`} checked={flags.includes(f)} onChange={(e) => draft.set('vulnerable', e.target.checked ? [...flags, f] : flags.filter((x) => x !== f))} /> {t(`flags.${f}`)}
            </label>
          ))}
        </div>
      </div>
      <div className="field">
        <label htmlFor="v-notes">{t('notes')}</label>
        <textarea id="v-notes" className={s.textarea} maxLength={10_000} value={draft.get('notes')} onChange={(e) => draft.set('notes', e.target.value)} data-testid="visit-notes" />
      </div>
      <PhotoThumbs ids={draft.get('photoIds')} />
      <PhotoInput linkedCollection="visits" linkedId={visitId} onAdded={(pid) => draft.set('photoIds', [...draft.get('photoIds'), pid])} />
      <div className={s.row}>
        <button type="submit" className={`btn ${s.big}`} disabled={saved || draft.clashes.length > 0} data-testid="save-visit">{t('save')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => go('')}>{t('cancel')}</button>
      </div>
    </form>
  );
}
