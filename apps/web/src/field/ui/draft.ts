'use client';
/**
 * A form over a stored record that sync may change while the form is open (another tablet's edit
 * arrives through the stream). The form keeps only what the user changed, each with the stored
 * value it started from; everything else shows the newest stored value. Saving writes the user's
 * changes onto the newest stored copy — never the values the form happened to load (issue #10:
 * tablet B's stale notes, flag and count overwrote tablet A's, with no conflict). When a field the
 * user changed was also changed underneath, the form says so and lets the user pick a side.
 */
import { useState } from 'react';
import { jsonEqual } from '@linli/sync';

/** What the user did to one field: the value they want, and the stored value they started from. */
export interface Edit<V = unknown> {
  value: V;
  base: V;
}

export type Edits<T> = { [K in keyof T]?: Edit<T[K]> };

/** Sets of values (flags, photo ids): the user's additions and removals apply to whatever is stored now. */
function applySet(stored: unknown, edit: Edit): unknown[] {
  const now = Array.isArray(stored) ? stored : [];
  const want = Array.isArray(edit.value) ? edit.value : [];
  const had = Array.isArray(edit.base) ? edit.base : [];
  const added = want.filter((x) => !had.some((y) => jsonEqual(x, y)));
  const removed = had.filter((x) => !want.some((y) => jsonEqual(x, y)));
  return [...now.filter((x) => !removed.some((y) => jsonEqual(x, y))), ...added.filter((x) => !now.some((y) => jsonEqual(x, y)))];
}

/** Fields the user changed that were changed underneath to something else too: the user must pick. */
export function clashesOf<T extends object>(stored: T, edits: Edits<T>, sets: readonly (keyof T)[] = []): (keyof T)[] {
  return (Object.keys(edits) as (keyof T)[]).filter((k) => {
    const e = edits[k] as Edit | undefined;
    return e !== undefined && !sets.includes(k) && !jsonEqual(stored[k], e.base) && !jsonEqual(stored[k], e.value);
  });
}

/** The newest stored record with the user's changes on top (a field set to undefined is removed). */
export function applyEdits<T extends object>(stored: T, edits: Edits<T>, sets: readonly (keyof T)[] = []): T {
  const next = { ...stored } as Record<string, unknown>;
  for (const k of Object.keys(edits) as (keyof T & string)[]) {
    const e = edits[k] as Edit | undefined;
    if (e === undefined) continue;
    const v = sets.includes(k) ? applySet(stored[k], e) : e.value;
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return next as T;
}

export interface Draft<T extends object> {
  /** The newest stored values (null for a new record). */
  stored: T | null;
  /** The value to show: the user's, else the newest stored one. */
  get<K extends keyof T>(k: K): T[K];
  set<K extends keyof T>(k: K, v: T[K]): void;
  edits: Edits<T>;
  /** Fields changed both here and underneath: saving waits until the user picks a side. */
  clashes: (keyof T)[];
  /** Fields the user did not touch that sync changed since the form opened (shown, informational). */
  refreshed: (keyof T)[];
  /** Keep the user's value for a clashing field (it then counts as a change of the newest value). */
  keepMine(k: keyof T): void;
  /** Take the newest stored value for a clashing field. */
  takeTheirs(k: keyof T): void;
  /** The record to store: the newest copy with the user's changes on top. */
  apply(latest: T): T;
}

/** `stored` is the live record (null while a new one is being made); `sets` are set-valued fields. */
export function useDraft<T extends object>(stored: T | null, empty: T, sets: readonly (keyof T)[] = []): Draft<T> {
  const [edits, setEdits] = useState<Edits<T>>({});
  const [opened, setOpened] = useState<T | null>(stored);
  if (opened === null && stored !== null) setOpened(stored);
  const now = stored ?? empty;
  const get = <K extends keyof T>(k: K): T[K] => {
    const e = edits[k];
    if (e === undefined) return now[k];
    return (sets.includes(k) ? applySet(now[k], e as Edit) : e.value) as T[K];
  };
  return {
    stored,
    get,
    set: (k, v) => setEdits((prev) => ({ ...prev, [k]: { value: v, base: prev[k]?.base ?? now[k] } })),
    edits,
    clashes: stored ? clashesOf(stored, edits, sets) : [],
    refreshed: stored && opened ? (Object.keys(stored) as (keyof T)[]).filter((k) => k !== 'updatedAt' && edits[k] === undefined && !jsonEqual(stored[k], opened[k])) : [],
    keepMine: (k) => setEdits((prev) => (prev[k] ? { ...prev, [k]: { ...prev[k], base: now[k] } } : prev)),
    takeTheirs: (k) =>
      setEdits((prev) => {
        const { [k]: _drop, ...rest } = prev;
        return rest as Edits<T>;
      }),
    apply: (latest) => applyEdits(latest, edits, sets),
  };
}
