'use client';
import { useLocale, useTranslations } from 'next-intl';
import { errorText } from '@/lib/errors';
import { Notice } from './ui';

/** The loading line, or the server's error in the user's language with a retry button. */
export function QueryStatus({ query }: { query: { error: unknown; isPending: boolean; data: unknown; refetch: () => unknown } }) {
  const tc = useTranslations('common');
  const locale = useLocale();
  if (query.error) {
    return (
      <Notice>
        {errorText(query.error, locale)}{' '}
        <button type="button" className="btn btn-ghost btn-small" onClick={() => query.refetch()}>
          {tc('retry')}
        </button>
      </Notice>
    );
  }
  if (query.data === undefined && query.isPending) return <p className="subtitle">{tc('loading')}</p>;
  return null;
}
