import { describe, expect, it } from 'vitest';
import { acknowledge, fingerprint, markWritten, pendingCount } from '../../src/field/sync/pending';

const v1 = { id: 'v1', notes: 'first', updatedAt: 0 };

describe('pending ledger', () => {
  it('counts a write until the server took exactly that content', () => {
    let l = markWritten({}, 'visits', v1);
    expect(pendingCount(l)).toBe(1);
    l = acknowledge(l, 'visits', [{ ...v1, _deleted: false, _meta: { lwt: 3 } }]);
    expect(pendingCount(l)).toBe(0);
  });

  it('keeps a second edit made while the first was in flight', () => {
    let l = markWritten({}, 'visits', v1);
    l = markWritten(l, 'visits', { ...v1, notes: 'second' });
    l = acknowledge(l, 'visits', [v1]);
    expect(pendingCount(l)).toBe(1);
  });

  it('settles rows the server refused or replaced with its master', () => {
    let l = markWritten({}, 'cases', { id: 'c1', status: 'verified' });
    l = markWritten(l, 'cases', { id: 'c2', status: 'verified' });
    l = acknowledge(l, 'cases', [], ['c1']);
    expect(Object.keys(l)).toEqual(['cases/c2']);
  });

  it('keeps collections apart and ignores the server stamp in the fingerprint', () => {
    const l = markWritten(markWritten({}, 'visits', v1), 'tasks', { id: 'v1' });
    expect(pendingCount(l)).toBe(2);
    expect(fingerprint({ ...v1, updatedAt: 99 })).toBe(fingerprint(v1));
  });
});
