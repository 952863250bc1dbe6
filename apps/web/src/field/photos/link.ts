/**
 * A photo joins the record it documents: its id is added to the record's photos and, for a task,
 * to the checklist item it shows (the item named, or the one holding the photo it replaces).
 * Pure; applied to the newest stored record through SyncEngine.modify.
 */
import type { DocOf, PhotoDoc } from '@linli/sync';

export type PhotoHolder = 'cases' | 'tasks' | 'visits';

const withId = (ids: readonly string[] | undefined, id: string): string[] => (ids ?? []).includes(id) ? [...(ids ?? [])] : [...(ids ?? []), id];

export const holdsPhotos = (c: PhotoDoc['linkedCollection']): c is PhotoHolder => c === 'cases' || c === 'tasks' || c === 'visits';

export function linkPhoto<C extends PhotoHolder>(collection: C, doc: DocOf<C>, photoId: string, where: { itemId?: string; replaces?: string } = {}): DocOf<C> {
  const next = { ...doc, photoIds: withId(doc.photoIds, photoId) } as DocOf<C>;
  if (collection !== 'tasks') return next;
  const task = next as DocOf<'tasks'>;
  const hit = (i: DocOf<'tasks'>['checklist'][number]) => i.itemId === where.itemId || (where.replaces !== undefined && (i.photoIds ?? []).includes(where.replaces));
  return { ...task, checklist: task.checklist.map((i) => (hit(i) ? { ...i, photoIds: withId(i.photoIds, photoId) } : i)) } as DocOf<C>;
}
