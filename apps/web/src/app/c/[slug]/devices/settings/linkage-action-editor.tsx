'use client';
import { useTranslations } from 'next-intl';
import { Field } from '@/components/ui';
import { NOTIFY_ROLES, toggleIn, type ActionForm, type TextField } from './linkage-actions';
import css from './settings.module.css';

/** What every action editor gets: the action, its index in the rule and the form's errors. */
interface EditorProps {
  i: number;
  a: ActionForm;
  errors: Record<string, string>;
  limits: Record<TextField, number>;
  setAction: (i: number, patch: Partial<ActionForm>) => void;
}

/** One action of the rule: its type, a remove button and the fields of that type. */
export function ActionEditor({ onRemove, ...p }: EditorProps & { onRemove: () => void }) {
  const t = useTranslations('devices.settings.form');
  const { i, a } = p;
  return (
    <div className={css.action} data-testid="linkage-action">
      <div className={css.actionHead}>
        <strong>
          {i + 1}. {t(`actionType.${a.type}`)}
        </strong>
        <button type="button" className="btn btn-ghost btn-small" onClick={onRemove}>
          {t('remove')}
        </button>
      </div>
      {a.type === 'broadcast' && <BroadcastEditor {...p} />}
      {a.type === 'screen' && <ScreenEditor {...p} />}
      {a.type === 'open_barriers' && <BarriersEditor {...p} />}
      {a.type === 'show_cameras' && <CamerasEditor {...p} />}
      {a.type === 'notify' && <NotifyEditor {...p} />}
    </div>
  );
}

function BroadcastEditor(p: EditorProps) {
  const t = useTranslations('devices.settings.form');
  return (
    <>
      <div className="form-grid">
        <ScopeAndPriority {...p} />
      </div>
      <ActionText {...p} f="messageZh" label={t('messageZh')} area />
      <ActionText {...p} f="messageEn" label={t('messageEn')} area />
      <p className="field-hint" style={{ marginTop: -6, marginBottom: 10 }}>
        {t('placeholderHint', { placeholder: '{building}' })}
      </p>
    </>
  );
}

function ScreenEditor(p: EditorProps) {
  const t = useTranslations('devices.settings.form');
  return (
    <>
      <div className="form-grid">
        <ScopeAndPriority {...p} />
        <ActionText {...p} f="titleZh" label={t('titleZh')} />
        <ActionText {...p} f="titleEn" label={t('titleEn')} />
      </div>
      <ActionText {...p} f="bodyZh" label={t('bodyZh')} area />
      <ActionText {...p} f="bodyEn" label={t('bodyEn')} area />
      <p className="field-hint" style={{ marginTop: -6, marginBottom: 10 }}>
        {t('placeholderHint', { placeholder: '{building}' })}
      </p>
    </>
  );
}

function BarriersEditor({ i, a, setAction }: EditorProps) {
  const t = useTranslations('devices.settings.form');
  return (
    <Field label={t('group')} htmlFor={`lk-${a.key}-group`}>
      <select id={`lk-${a.key}-group`} value={a.group} onChange={(e) => setAction(i, { group: e.target.value as ActionForm['group'] })} style={{ maxWidth: 240 }}>
        <option value="fire_lane">{t('groups.fire_lane')}</option>
        <option value="all">{t('groups.all')}</option>
      </select>
    </Field>
  );
}

function CamerasEditor({ i, a, errors, setAction }: EditorProps) {
  const t = useTranslations('devices.settings.form');
  return (
    <Field label={t('radius')} htmlFor={`lk-${a.key}-radius`} error={errors[`a${i}.radius`]} hint="1–1000">
      <input id={`lk-${a.key}-radius`} type="number" inputMode="numeric" min={1} max={1000} step={1} value={a.radius} onChange={(e) => setAction(i, { radius: e.target.value })} aria-invalid={!!errors[`a${i}.radius`]} style={{ maxWidth: 160 }} />
    </Field>
  );
}

function NotifyEditor({ i, a, errors, setAction }: EditorProps) {
  const t = useTranslations('devices.settings.form');
  const troles = useTranslations('common.roles');
  return (
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
  );
}

/** A bilingual text field of an action, with its length against the device's limit. */
function ActionText({ i, a, errors, limits, setAction, f, label, area = false }: EditorProps & { f: TextField; label: string; area?: boolean }) {
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
}

/** Where a broadcast or screen message goes, and how urgently. */
function ScopeAndPriority({ i, a, setAction }: EditorProps) {
  const t = useTranslations('devices.settings.form');
  return (
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
}
