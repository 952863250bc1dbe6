'use client';
import type { ReactNode } from 'react';

/** A row of tab buttons in a toolbar (the chosen one solid); `children` follow the tabs. */
export function TabBar<K extends string>({ tabs, value, onChange, label, testId, children }: {
  tabs: readonly K[];
  value: K;
  onChange: (tab: K) => void;
  label: (tab: K) => string;
  testId?: (tab: K) => string;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar" role="tablist">
      {tabs.map((k) => (
        <button key={k} type="button" role="tab" aria-selected={value === k} className={value === k ? 'btn' : 'btn btn-ghost'} onClick={() => onChange(k)} data-testid={testId?.(k)}>
          {label(k)}
        </button>
      ))}
      {children}
    </div>
  );
}
