'use client';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import type { LinkageRule } from '@linli/iot/linkage';
import styles from '../../console.module.css';
import local from '../devices.module.css';
import { localName, type DeviceKind, type SeverityName } from '../lib';
import { ActionEditor } from './linkage-action-editor';
import { ACTION_TYPES, blank, fromAction, toAction, type ActionForm, type ActionType, type TextField } from './linkage-actions';
import { LinkageTrigger } from './linkage-trigger';
import css from './settings.module.css';
import { useEscapeToClose } from '@/components/use-escape-to-close';

const NAME_MAX = 60;

/** Creates or edits one of the community's linkage rules with a structured form. */
export function LinkageForm({ tenant, kinds, id, initial, enabled: initialEnabled, onClose, onSaved }: { tenant: string; kinds: DeviceKind[]; id?: string; initial?: LinkageRule; enabled: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('devices.settings.form');
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
  useEscapeToClose(onClose, busy);

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

          <LinkageTrigger
            kinds={kinds}
            deviceKinds={deviceKinds}
            setDeviceKinds={setDeviceKinds}
            eventChoices={eventChoices}
            events={events}
            setEvents={setEvents}
            minSeverity={minSeverity}
            setMinSeverity={setMinSeverity}
          />

          <fieldset className={css.fieldset}>
            <legend>{t('actions')}</legend>
            {actions.length === 0 && <p className={errors.actions ? 'field-error' : 'field-hint'} style={{ marginBottom: 10 }}>{errors.actions ?? t('actionsEmpty')}</p>}
            {actions.map((a, i) => (
              <ActionEditor key={a.key} i={i} a={a} errors={errors} limits={limits} setAction={setAction} onRemove={() => setActions((l) => l.filter((_, j) => j !== i))} />
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
