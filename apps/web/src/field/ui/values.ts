'use client';
/**
 * Field values as a person reads them, for conflict lists (tablet and console) and a form's
 * "changed underneath" notice: 空置 rather than `vacant`, 已核查 rather than `verified`, a time
 * rather than milliseconds (issue #10). Labels come from the `field` messages in both languages.
 */
import { useLocale, useTranslations } from 'next-intl';
import { formatDateTime } from '@/lib/datetime';

type Obj = Record<string, unknown>;

const TIMES = new Set(['at', 'startedAt', 'finishedAt', 'completedAt', 'takenAt', 'reportedAt', 'dueAt', 'checkedAt']);
/** Which message holds the labels of an enumerated field, per collection. */
const ENUMS: Record<string, Record<string, string>> = {
  cases: { status: 'hazards.status', kind: 'hazards.kinds', to: 'hazards.status', from: 'hazards.status' },
  tasks: { status: 'tasks.status', kind: 'tasks.kind', result: 'tasks.result' },
  patrol_runs: { status: 'patrols.status' },
  visits: { occupancy: 'visits.occupancy', vulnerable: 'visits.flags' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `checklist[pressure].result` → `result`; `history[<id>]` → `history`. */
const leaf = (path: string): string => path.replace(/\[[^\]]*\]/g, '').split('.').filter(Boolean).at(-1) ?? path;

export function useValueText() {
  const t = useTranslations('field');
  const locale = useLocale();
  const has = (key: string) => t.has(key as never);
  const say = (key: string) => t(key as never);

  const label = (collection: string, path: string): string => {
    if (path === '*') return say('values.whole');
    const key = `values.fields.${leaf(path)}`;
    return has(key) ? say(key) : say('values.fields.other');
  };

  const text = (collection: string, path: string, value: unknown): string => {
    if (value === undefined || value === null || value === '') return '—';
    const field = leaf(path);
    if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => text(collection, path, v)).join('、');
    if (typeof value === 'boolean') return say(value ? 'values.yes' : 'values.no');
    if (typeof value === 'number') return TIMES.has(field) ? formatDateTime(new Date(value)) : value.toLocaleString(locale);
    if (typeof value === 'string') {
      // Ids mean nothing to a person: a photo is a photo, anything else another record.
      if (UUID.test(value)) return say(field === 'photoIds' ? 'values.photo' : 'values.reference');
      const enumKey = `${ENUMS[collection]?.[field] ?? ''}.${value}`;
      return has(enumKey) ? say(enumKey) : value;
    }
    const o = value as Obj;
    // A history step, a comment, a checklist item, a scan, a whole record: what a person recognises.
    if (typeof o.to === 'string') return [text('cases', 'to', o.to), typeof o.note === 'string' ? o.note : '', typeof o.at === 'number' ? text(collection, 'at', o.at) : ''].filter(Boolean).join(' · ');
    if (typeof o.text === 'string') return o.text;
    if (typeof o.label === 'string') return [o.label, o.result ? text('tasks', 'result', o.result) : '', typeof o.note === 'string' ? o.note : ''].filter(Boolean).join(' · ');
    for (const k of ['title', 'notes', 'name']) if (typeof o[k] === 'string' && o[k]) return [o[k], o.status ? text(collection, 'status', o.status) : ''].filter(Boolean).join(' · ');
    if (typeof o.at === 'number') return text(collection, 'at', o.at);
    return say('values.other');
  };

  return { label, text };
}
