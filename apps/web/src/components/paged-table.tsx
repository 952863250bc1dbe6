'use client';
import type { ReactNode } from 'react';
import { Pager } from './pager';

/**
 * One page of a list as a table (children: its thead and tbody from the page) with the pager
 * under it, or `empty` when the list has nothing; nothing before the first answer (QueryStatus
 * shows that).
 */
export function PagedTable<D extends { total: number; page: number; pageSize: number }>({ data, empty, onPage, className, busy, children }: {
  data: D | undefined;
  empty: ReactNode;
  onPage: (page: number) => void;
  /** Extra class of the scrolling wrapper. */
  className?: string;
  busy?: boolean;
  children: (data: D) => ReactNode;
}) {
  if (!data) return null;
  if (data.total === 0) return <>{empty}</>;
  return (
    <>
      <div className={className ? `table-wrap ${className}` : 'table-wrap'} aria-busy={busy}>
        <table>{children(data)}</table>
      </div>
      <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={onPage} />
    </>
  );
}
