'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useLocale } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTRPC } from '@/trpc/react';
import type { LiveEvent } from '@linli/api';
import { localName, type DeviceKind } from './lib';

/** The device kinds (metrics, events, commands) and a localized kind name. */
export function useCatalog(tenant: string) {
  const trpc = useTRPC();
  const locale = useLocale();
  const query = useQuery({ ...trpc.devices.catalog.queryOptions({ tenant }), staleTime: Infinity });
  const kinds: DeviceKind[] = useMemo(() => (query.data as DeviceKind[] | undefined) ?? [], [query.data]);
  const byKind = useMemo(() => new Map(kinds.map((k) => [k.kind, k])), [kinds]);
  const sorted = useMemo(() => [...kinds].sort((a, b) => localName(a, locale).localeCompare(localName(b, locale), locale)), [kinds, locale]);
  const kindName = (kind: string) => {
    const k = byKind.get(kind);
    return k ? localName(k, locale) : kind;
  };
  return { query, kinds: sorted, byKind, kindName };
}

export type { LiveEvent };

/**
 * The community's live stream (alarms, command results, online changes) over SSE.
 * Returns the connection status so a page can say when it is not live.
 */
export function useLive(tenant: string, onEvent: (event: LiveEvent) => void) {
  const trpc = useTRPC();
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const sub = useSubscription(trpc.devices.live.subscriptionOptions({ tenant }, { onData: (e) => handler.current(e as LiveEvent) }));
  const queryClient = useQueryClient();
  // Whenever the stream (re)connects, re-read what it covers: events while it was down are not replayed.
  useEffect(() => {
    if (sub.status === 'pending') void queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() });
  }, [sub.status, queryClient, trpc]);
  return sub.status;
}

/**
 * Calls `fn` at most once per `ms` (the last call in a burst is not lost): a thousand devices
 * coming online at once must not re-read the ledger a thousand times.
 */
export function useThrottled(fn: () => void, ms = 1500) {
  const latest = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(0);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + ms - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      latest.current();
    }, wait);
  }, [ms]);
}
