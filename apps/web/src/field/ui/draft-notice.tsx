'use client';
import { useTranslations } from 'next-intl';
import type { Draft } from './draft';
import { useValueText } from './values';
import s from './field.module.css';

/**
 * Tells the worker that the record changed underneath the open form (another tablet's edit came
 * in): fields they did not touch now show the new values; fields they changed too need a choice
 * before saving — theirs or the new one, never a silent overwrite (issue #10).
 */
export function DraftNotice<T extends object>({ draft, collection, paths, show = (_k, v) => v }: { draft: Draft<T>; collection: string; paths: Record<keyof T & string, string>; show?: (key: keyof T, value: unknown) => unknown }) {
  const t = useTranslations('field.draft');
  const { label, text } = useValueText();
  const name = (k: keyof T & string) => label(collection, paths[k]);
  const value = (k: keyof T & string, v: unknown) => text(collection, paths[k], show(k, v));
  if (draft.refreshed.length === 0 && draft.clashes.length === 0) return null;
  return (
    <div className={s.notice} role="alert">
      {draft.refreshed.length > 0 && (
        <p data-testid="draft-refreshed">{t('refreshed', { fields: (draft.refreshed as (keyof T & string)[]).filter((k) => k in paths).map(name).join('、') })}</p>
      )}
      {(draft.clashes as (keyof T & string)[]).map((k) => (
        <div key={k} data-testid="draft-clash" data-field={k}>
          <p>{t('clash', { field: name(k), theirs: value(k, draft.stored?.[k]), mine: value(k, draft.get(k)) })}</p>
          <div className={s.row}>
            <button type="button" className="btn btn-small" onClick={() => draft.keepMine(k)} data-testid="keep-mine">{t('keepMine')}</button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => draft.takeTheirs(k)} data-testid="take-theirs">{t('takeTheirs')}</button>
          </div>
        </div>
      ))}
    </div>
  );
}
