'use client';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import type { LinkageAction, LinkageRule } from '@linli/iot/linkage';
import styles from '../../console.module.css';
import local from '../devices.module.css';
import { localName, SEVERITIES, type DeviceKind, type SeverityName } from '../lib';
import css from './settings.module.css';

const ACTION_TYPES = ['broadcast', 'screen', 'open_barriers', 'show_cameras', 'notify'] as const;
type ActionType = (typeof ACTION_TYPES)[number];
/** Roles a linkage rule may notify: the community's own staff. */
const NOTIFY_ROLES = ['property_admin', 'property_staff', 'security_guard', 'technician', 'grid_worker', 'committee_staff'] as const;
const NAME_MAX = 60;

/** One action as edited: every type's fields side by side, text as typed. */
interface ActionForm {
  key: number;
  type: ActionType;
  scope: 'building' | 'community';
  priority: 'emergency' | 'normal';
  messageZh: string;
  messageEn: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  group: 'fire_lane' | 'all';
  radius: string;
  roles: string[];
}
type TextField = 'messageZh' | 'messageEn' | 'titleZh' | 'titleEn' | 'bodyZh' | 'bodyEn';

const blank = (key: number, type: ActionType): ActionForm => ({
  key,
  type,
  scope: 'building',
  priority: type === 'broadcast' ? 'emergency' : 'normal',
  messageZh: '',
  messageEn: '',
  titleZh: '',
  titleEn: '',
  bodyZh: '',
  bodyEn: '',
  group: 'fire_lane',
  radius: '100',
  roles: type === 'notify' ? ['property_admin'] : [],
});

function fromAction(a: LinkageAction, key: number): ActionForm {
  const f = blank(key, a.type);
  switch (a.type) {
    case 'broadcast':
      return { ...f, scope: a.scope, priority: a.priority, messageZh: a.message.zh, messageEn: a.message.en };
    case 'screen':
      return { ...f, scope: a.scope, priority: a.priority ?? 'normal', titleZh: a.title.zh, titleEn: a.title.en, bodyZh: a.body.zh, bodyEn: a.body.en };
    case 'open_barriers':
      return { ...f, group: a.group };
    case 'show_cameras':
      return { ...f, radius: String(a.radiusMeters) };
    case 'notify':
      return { ...f, roles: [...a.roles] };
  }
}

function toAction(f: ActionForm): LinkageAction {
  switch (f.type) {
    case 'broadcast':
      return { type: 'broadcast', scope: f.scope, priority: f.priority, message: { zh: f.messageZh.trim(), en: f.messageEn.trim() } };
    case 'screen':
      return { type: 'screen', scope: f.scope, priority: f.priority, title: { zh: f.titleZh.trim(), en: f.titleEn.trim() }, body: { zh: f.bodyZh.trim(), en: f.bodyEn.trim() } };
    case 'open_barriers':
      return { type: 'open_barriers', group: f.group };
    case 'show_cameras':
      return { type: 'show_cameras', radiusMeters: Number(f.radius) };
    case 'notify':
      return { type: 'notify', roles: f.roles };
  }
}

/** Creates or edits one of the community's linkage rules with a structured form. */
export function LinkageForm({ tenant, kinds, id, initial, enabled: initialEnabled, onClose, onSaved }: { tenant: string; kinds: DeviceKind[]; id?: string; initial?: LinkageRule; enabled: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('devices.settings.form');
  const tr = useTranslations('devices.register');
  const ts = useTranslations('devices.severity');
  const troles = useTranslations('common.roles');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const titleId = useId();
  const nextKey = useRef(initial?.actions.length ?? 0);
  const [nameZh, setNameZh] = useState(initial?.nameZh ?? '');
  const [nameEn, setNameEn] = useState(initial?.nameEn ?? '');
  const [enabled, setEnabled] = useState(initialEnabled);
  const [deviceKinds, setDeviceKinds] = useState<string[]>(initial?.trigger.deviceKinds ?? []);
  const [events, setEvents] = useState<string[]>(initial?.trigger.events ?? []);
  const [minSeverity, setMinSeverity] = useState<SeverityName>(initial?.trigger.minSeverity ?? 'major');
  const [actions, setActions] = useState<ActionForm[]>(() => (initial?.actions ?? []).map((a, i) => fromAction(a, i)));
  const [addType, setAddType] = useState<ActionType>('broadcast');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation(trpc.devices.saveLinkageRule.mutationOptions({ onSuccess: () => onSaved() }));
  const busy = save.isPending;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busy && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, busy]);

  // Events offered: those of the chosen kinds, or of every kind when none is chosen.
  const eventChoices = useMemo(() => {
    const from = deviceKinds.length ? kinds.filter((k) => deviceKinds.includes(k.kind)) : kinds;
    const m = new Map<string, string>();
    for (const k of from) for (const e of k.events) if (!m.has(e.key)) m.set(e.key, localName(e, locale));
    return [...m.entries()].map(([key, name]) => ({ key, name }));
  }, [kinds, deviceKinds, locale]);
  const limit = (kind: string, command: string, param: string, fallback: number) => kinds.find((k) => k.kind === kind)?.commands.find((c) => c.key === command)?.params[param]?.maxLength ?? fallback;
  const limits: Record<TextField, number> = {
    messageZh: limit('broadcast_zone', 'broadcast', 'message', 500),
    messageEn: limit('broadcast_zone', 'broadcast', 'message', 500),
    titleZh: limit('info_screen', 'publish', 'title', 60),
    titleEn: limit('info_screen', 'publish', 'title', 60),
    bodyZh: limit('info_screen', 'publish', 'body', 1000),
    bodyEn: limit('info_screen', 'publish', 'body', 1000),
  };

  const clear = (key: string) => setErrors(({ [key]: _d, ...rest }) => rest);
  const setAction = (i: number, patch: Partial<ActionForm>) => {
    setActions((list) => list.map((a, j) => (j === i ? { ...a, ...patch } : a)));
    for (const k of Object.keys(patch)) clear(`a${i}.${k}`);
  };
  const toggleIn = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((x) => x !== value));

  function check(): Record<string, string> {
    const out: Record<string, string> = {};
    const text = (key: string, v: string, max: number) => {
      if (!v.trim()) out[key] = t('errors.required');
      else if ([...v.trim()].length > max) out[key] = t('errors.maxLength', { n: max });
    };
    text('nameZh', nameZh, NAME_MAX);
    text('nameEn', nameEn, NAME_MAX);
    if (!actions.length) out.actions = t('errors.actions');
    actions.forEach((a, i) => {
      const fields: TextField[] = a.type === 'broadcast' ? ['messageZh', 'messageEn'] : a.type === 'screen' ? ['titleZh', 'titleEn', 'bodyZh', 'bodyEn'] : [];
      for (const f of fields) text(`a${i}.${f}`, a[f], limits[f]);
      if (a.type === 'show_cameras') {
        const r = Number(a.radius);
        if (a.radius.trim() === '' || !Number.isInteger(r) || r < 1 || r > 1000) out[`a${i}.radius`] = t('errors.radius');
      }
      if (a.type === 'notify' && !a.roles.length) out[`a${i}.roles`] = t('errors.roles');
    });
    return out;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    const available = new Set(eventChoices.map((x) => x.key));
    const chosenEvents = events.filter((x) => available.has(x));
    const rule: LinkageRule = {
      id: initial?.id ?? `custom.${Date.now().toString(36)}`,
      nameZh: nameZh.trim(),
      nameEn: nameEn.trim(),
      enabled,
      trigger: {
        ...(deviceKinds.length ? { deviceKinds } : {}),
        ...(chosenEvents.length ? { events: chosenEvents } : {}),
        ...(initial?.trigger.ruleIds?.length ? { ruleIds: initial.trigger.ruleIds } : {}),
        minSeverity,
      },
      actions: actions.map(toAction),
    };
    save.mutate({ tenant, id, rule, enabled });
  }

  const textInput = (i: number, a: ActionForm, f: TextField, label: string, area = false): ReactNode => {
    const key = `a${i}.${f}`;
    const fid = `lk-${a.key}-${f}`;
    return (
      <Field label={label} htmlFor={fid} error={errors[key]} hint={`${[...a[f]].length}/${limits[f]}`}>
        {area ? (
          <textarea id={fid} rows={2} className={css.textarea} value={a[f]} onChange={(e) => setAction(i, { [f]: e.target.value })} aria-invalid={!!errors[key]} />
        ) : (
          <input id={fid} value={a[f]} onChange={(e) => setAction(i, { [f]: e.target.value })} aria-invalid={!!errors[key]} />
        )}
      </Field>
    );
  };
  const scopeAndPriority = (i: number, a: ActionForm) => (
    <>
      <Field label={t('scope')} htmlFor={`lk-${a.key}-scope`}>
        <select id={`lk-${a.key}-scope`} value={a.scope} onChange={(e) => setAction(i, { scope: e.target.value as ActionForm['scope'] })}>
          <option value="building">{t('scopes.building')}</option>
          <option value="community">{t('scopes.community')}</option>
        </select>
      </Field>
      <Field label={t('priority')} htmlFor={`lk-${a.key}-priority`}>
        <select id={`lk-${a.key}-priority`} value={a.priority} onChange={(e) => setAction(i, { priority: e.target.value as ActionForm['priority'] })}>
          <option value="emergency">{t('priorities.emergency')}</option>
          <option value="normal">{t('priorities.normal')}</option>
        </select>
      </Field>
    </>
  );

  const families = [...new Set(kinds.map((k) => k.family))];
  const serverRule = save.error ? fieldErrorsOf(save.error, locale).rule : undefined;

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className={`dialog ${local.wideDialog}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="linkage-form">
        <div className={styles.dialogHead}>
          <h2 id={titleId}>{id ? t('editTitle') : t('createTitle')}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={busy} aria-label={tc('cancel')}>
            ✕
          </button>
        </div>
        <form onSubmit={submit} noValidate>
          <div className="form-grid">
            <Field label={t('nameZh')} htmlFor="lk-nameZh" error={errors.nameZh}>
              <input
                id="lk-nameZh"
                value={nameZh}
                maxLength={NAME_MAX}
                onChange={(e) => {
                  setNameZh(e.target.value);
                  clear('nameZh');
                }}
                aria-invalid={!!errors.nameZh}
                autoFocus
              />
            </Field>
            <Field label={t('nameEn')} htmlFor="lk-nameEn" error={errors.nameEn}>
              <input
                id="lk-nameEn"
                value={nameEn}
                maxLength={NAME_MAX}
                onChange={(e) => {
                  setNameEn(e.target.value);
                  clear('nameEn');
                }}
                aria-invalid={!!errors.nameEn}
              />
            </Field>
          </div>
          <label className={css.check} style={{ marginBottom: 12 }}>
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            {t('enabled')}
          </label>

          <fieldset className={css.fieldset}>
            <legend>{t('trigger')}</legend>
            <div className="field">
              <span className={css.check}>{t('kinds')}</span>
              <div className={css.choices} role="group" aria-label={t('kinds')} data-testid="linkage-kinds">
                {families.map((fam) => (
                  <div key={fam} style={{ display: 'contents' }}>
                    <span className={css.choiceGroup}>{tr.has(`families.${fam}`) ? tr(`families.${fam}`) : fam}</span>
                    {kinds
                      .filter((k) => k.family === fam)
                      .map((k) => (
                        <label key={k.kind}>
                          <input type="checkbox" value={k.kind} checked={deviceKinds.includes(k.kind)} onChange={(e) => setDeviceKinds((l) => toggleIn(l, k.kind, e.target.checked))} />
                          {localName(k, locale)}
                        </label>
                      ))}
                  </div>
                ))}
              </div>
              <p className="field-hint">{t('kindsHint')}</p>
            </div>
            <div className="field">
              <span className={css.check}>{t('events')}</span>
              {eventChoices.length === 0 ? (
                <p className="field-hint">{t('noEvents')}</p>
              ) : (
                <div className={css.choices} role="group" aria-label={t('events')} data-testid="linkage-events">
                  {eventChoices.map((ev) => (
                    <label key={ev.key}>
                      <input type="checkbox" value={ev.key} checked={events.includes(ev.key)} onChange={(e) => setEvents((l) => toggleIn(l, ev.key, e.target.checked))} />
                      {ev.name}
                    </label>
                  ))}
                </div>
              )}
              <p className="field-hint">{t('eventsHint')}</p>
            </div>
            <Field label={t('minSeverity')} htmlFor="lk-severity">
              <select id="lk-severity" value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as SeverityName)} style={{ maxWidth: 240 }}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {ts(s)}
                  </option>
                ))}
              </select>
            </Field>
          </fieldset>

          <fieldset className={css.fieldset}>
            <legend>{t('actions')}</legend>
            {actions.length === 0 && <p className={errors.actions ? 'field-error' : 'field-hint'} style={{ marginBottom: 10 }}>{errors.actions ?? t('actionsEmpty')}</p>}
            {actions.map((a, i) => (
              <div key={a.key} className={css.action} data-testid="linkage-action">
                <div className={css.actionHead}>
                  <strong>
                    {i + 1}. {t(`actionType.${a.type}`)}
                  </strong>
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => setActions((l) => l.filter((_, j) => j !== i))}>
                    {t('remove')}
                  </button>
                </div>
                {a.type === 'broadcast' && (
                  <>
                    <div className="form-grid">{scopeAndPriority(i, a)}</div>
                    {textInput(i, a, 'messageZh', t('messageZh'), true)}
                    {textInput(i, a, 'messageEn', t('messageEn'), true)}
                    <p className="field-hint" style={{ marginTop: -6, marginBottom: 10 }}>
                      {t('placeholderHint', { placeholder: '{building}' })}
                    </p>
                  </>
                )}
                {a.type === 'screen' && (
                  <>
                    <div className="form-grid">
                      {scopeAndPriority(i, a)}
                      {textInput(i, a, 'titleZh', t('titleZh'))}
                      {textInput(i, a, 'titleEn', t('titleEn'))}
                    </div>
                    {textInput(i, a, 'bodyZh', t('bodyZh'), true)}
                    {textInput(i, a, 'bodyEn', t('bodyEn'), true)}
                    <p className="field-hint" style={{ marginTop: -6, marginBottom: 10 }}>
                      {t('placeholderHint', { placeholder: '{building}' })}
                    </p>
                  </>
                )}
                {a.type === 'open_barriers' && (
                  <Field label={t('group')} htmlFor={`lk-${a.key}-group`}>
                    <select id={`lk-${a.key}-group`} value={a.group} onChange={(e) => setAction(i, { group: e.target.value as ActionForm['group'] })} style={{ maxWidth: 240 }}>
                      <option value="fire_lane">{t('groups.fire_lane')}</option>
                      <option value="all">{t('groups.all')}</option>
                    </select>
                  </Field>
                )}
                {a.type === 'show_cameras' && (
                  <Field label={t('radius')} htmlFor={`lk-${a.key}-radius`} error={errors[`a${i}.radius`]} hint="1–1000">
                    <input id={`lk-${a.key}-radius`} type="number" inputMode="numeric" min={1} max={1000} step={1} value={a.radius} onChange={(e) => setAction(i, { radius: e.target.value })} aria-invalid={!!errors[`a${i}.radius`]} style={{ maxWidth: 160 }} />
                  </Field>
                )}
                {a.type === 'notify' && (
                  <div className={`field${errors[`a${i}.roles`] ? ' field-invalid' : ''}`}>
                    <span className={css.check}>{t('roles')}</span>
                    <div className={css.choices} role="group" aria-label={t('roles')}>
                      {NOTIFY_ROLES.map((r) => (
                        <label key={r}>
                          <input type="checkbox" checked={a.roles.includes(r)} onChange={(e) => setAction(i, { roles: toggleIn(a.roles, r, e.target.checked) })} />
                          {troles(r)}
                        </label>
                      ))}
                    </div>
                    {errors[`a${i}.roles`] && (
                      <p className="field-error" role="alert">
                        {errors[`a${i}.roles`]}
                      </p>
                    )}
                  </div>
                )}
              </div>
            ))}
            <div className={css.addRow}>
              <label htmlFor="lk-add" className={css.check}>
                {t('addAction')}
              </label>
              <select id="lk-add" value={addType} onChange={(e) => setAddType(e.target.value as ActionType)} data-testid="linkage-add-type">
                {ACTION_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(`actionType.${x}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => {
                  setActions((l) => [...l, blank(nextKey.current++, addType)]);
                  clear('actions');
                }}
                data-testid="linkage-add-action"
              >
                {t('add')}
              </button>
            </div>
          </fieldset>

          {save.error && <Notice>{serverRule ?? errorText(save.error, locale)}</Notice>}
          <div className={styles.dialogFoot}>
            <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
              {tc('cancel')}
            </button>
            <button type="submit" className="btn" disabled={busy} data-testid="linkage-save">
              {busy ? t('saving') : t('save')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
