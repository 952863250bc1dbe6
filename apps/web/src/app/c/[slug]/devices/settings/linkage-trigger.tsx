'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Field } from '@/components/ui';
import { localName, SEVERITIES, type DeviceKind, type SeverityName } from '../lib';
import { toggleIn } from './linkage-actions';
import css from './settings.module.css';

/** The trigger of a linkage rule: device kinds (by family), events and the least severity. */
export function LinkageTrigger({
  kinds,
  deviceKinds,
  setDeviceKinds,
  eventChoices,
  events,
  setEvents,
  minSeverity,
  setMinSeverity,
}: {
  kinds: DeviceKind[];
  deviceKinds: string[];
  setDeviceKinds: (update: (list: string[]) => string[]) => void;
  eventChoices: { key: string; name: string }[];
  events: string[];
  setEvents: (update: (list: string[]) => string[]) => void;
  minSeverity: SeverityName;
  setMinSeverity: (severity: SeverityName) => void;
}) {
  const t = useTranslations('devices.settings.form');
  const tr = useTranslations('devices.register');
  const ts = useTranslations('devices.severity');
  const locale = useLocale();
  const families = [...new Set(kinds.map((k) => k.family))];
  return (
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
  );
}
