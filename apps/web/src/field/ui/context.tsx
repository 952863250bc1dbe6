'use client';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Observable } from 'rxjs';
import type { Actor, Role } from '@linli/sync';
import type { FieldDb } from '../db';
import type { SyncEngine, SyncStatus } from '../sync/engine';
import type { FieldUser } from '../session';
import type { PhotoUploader } from '../photos/uploader';

export interface FieldCtx {
  user: FieldUser;
  actor: Actor;
  db: FieldDb;
  engine: SyncEngine;
  uploader: PhotoUploader;
}

const Ctx = createContext<FieldCtx | null>(null);
export const FieldProvider = Ctx.Provider;

export function useField(): FieldCtx {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useField outside FieldProvider');
  return ctx;
}

export const actorOf = (user: FieldUser): Actor => ({ userId: user.id, role: user.role as Role });

export function useSyncStatus(): SyncStatus {
  const { engine } = useField();
  return useSyncExternalStore(engine.subscribe, engine.getStatus, engine.getStatus);
}

/** Subscribes to an RxDB query (or any observable) and re-renders on every change. */
export function useRx<T>(make: (db: FieldDb) => Observable<T>, deps: unknown[], initial: T): T {
  const { db } = useField();
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = make(db).subscribe(setValue);
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, ...deps]);
  return value;
}

/** Plain (mutable) copies of RxDB documents for rendering and editing. */
export const plain = <T,>(docs: { toMutableJSON(): T }[]): T[] => docs.map((d) => d.toMutableJSON());

/** Location hash routing: views survive a reload (offline too) without a server round trip. */
export function useHashRoute(): [string[], (path: string) => void] {
  const read = () => (typeof window === 'undefined' ? [] : window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean));
  const [parts, setParts] = useState<string[]>([]);
  useEffect(() => {
    const on = () => setParts(read());
    on();
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [parts, (path: string) => void (window.location.hash = `/${path}`)];
}

/**
 * The newest documents of a collection for a list: the ones not yet sent (the server has not
 * stamped `updatedAt`, it is 0) first, then the rest by `updatedAt` descending. Both queries use
 * the (updatedAt, id) index, so a list stays fast with thousands of records on the tablet.
 */
export function useRecent<T extends { id: string; updatedAt: number }>(
  pick: (db: FieldDb) => { find(q: unknown): { $: Observable<{ toMutableJSON(): unknown }[]> } },
  selector: Record<string, unknown>,
  limit: number,
): T[] {
  const key = JSON.stringify(selector);
  const unsent = plain(useRx((db) => pick(db).find({ selector: { ...selector, updatedAt: 0 } }).$, [key], [])) as T[];
  const sent = plain(useRx((db) => pick(db).find({ selector: { ...selector, updatedAt: { $gt: 0 } }, sort: [{ updatedAt: 'desc' }, { id: 'desc' }], limit }).$, [key, limit], [])) as T[];
  return [...unsent, ...sent].slice(0, Math.max(limit, unsent.length));
}
