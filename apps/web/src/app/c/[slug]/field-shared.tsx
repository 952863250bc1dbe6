'use client';
import { useTranslations } from 'next-intl';
import type { CaseStatus } from '@linli/sync';
import { formatDateTime } from '@/lib/datetime';

/** Shared bits of the field-work console pages (cases, patrols, plans, tasks, visits, conflicts). */
const STATUS_TONE: Record<CaseStatus, string> = {
  reported: 'badge-warn',
  assigned: '',
  in_progress: '',
  resolved: 'badge-ok',
  verified: 'badge-ok',
  closed: '',
  rejected: 'badge-danger',
  reopened: 'badge-warn',
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const t = useTranslations('field-console.status');
  return <span className={`badge ${STATUS_TONE[status]}`} data-status={status}>{t(status)}</span>;
}

export function OverdueBadge() {
  const t = useTranslations('field-console.common');
  return <span className="badge badge-danger">{t('overdue')}</span>;
}

/** A user's display name from the `names` map a list returns (users are outside RLS: names only). */
export function useName(names: Record<string, string>) {
  const t = useTranslations('field-console.common');
  return (id: string | null | undefined) => (id ? (names[id] ?? t('unknownUser')) : '—');
}

export const when = (ms: number | null | undefined) => (ms ? formatDateTime(new Date(ms)) : '—');

/** A datetime-local input value (Beijing time) from ms, and back. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = new Date(`${value}:00+08:00`).getTime();
  return Number.isNaN(ms) ? null : ms;
}

export function PhotoStrip({ ids }: { ids: string[] }) {
  const t = useTranslations('field-console.common');
  if (ids.length === 0) return <p className="muted">{t('noPhotos')}</p>;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {ids.map((id) => (
        <a key={id} href={`/api/field/photos/${id}`} target="_blank" rel="noreferrer">
          {/* eslint-disable-next-line @next/next/no-img-element -- bytes come from our own photo route */}
          <img src={`/api/field/photos/${id}`} alt={t('photos')} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 6, background: '#eee' }} loading="lazy" />
        </a>
      ))}
    </div>
  );
}
