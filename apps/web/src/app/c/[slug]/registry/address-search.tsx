'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { QueryStatus } from '@/components/query-status';
import { SearchBox } from '@/components/search-box';
import { useTRPC } from '@/trpc/react';
import styles from './registry.module.css';

/** Standard-address lookup (cim.searchAddress): partial, full-width or shorthand input. */
export function AddressSearch({ tenant }: { tenant: string }) {
  const t = useTranslations('cim.registry.address');
  const locale = useLocale();
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const query = useQuery({ ...trpc.cim.searchAddress.queryOptions({ tenant, query: q, limit: 12 }), enabled: q.length > 0 });
  return (
    <section className="card">
      <h2>{t('title')}</h2>
      <p className="field-hint">{t('hint')}</p>
      <SearchBox value={q} onChange={(v) => setQ(v.trim())} placeholder={t('placeholder')} label={t('label')} />
      {q && <QueryStatus query={query} />}
      {q && query.data && query.data.length === 0 && <p className="empty-hint">{t('none')}</p>}
      {query.data && query.data.length > 0 && (
        <ul className={styles.hits} data-testid="address-hits">
          {query.data.map((h) => (
            <li key={h.id}>
              <span className="badge">{t(h.kind)}</span>
              <Link href={`/c/${tenant}/registry/${encodeURIComponent(h.buildingCode)}${h.unit ? `#u${h.unit}` : ''}`}>{locale === 'en' ? h.labelEn : h.labelZh}</Link>
              <span className={styles.mono}>{h.addressCode}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
