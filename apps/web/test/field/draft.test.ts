/**
 * A form over a record that sync changes while it is open writes only what the user changed,
 * onto the newest copy (issue #10: tablet B's stale values reverted tablet A's edit silently).
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, clashesOf, type Edits } from '../../src/field/ui/draft';

interface Visit {
  occupancy: string;
  notes: string;
  residentsSeen?: number;
  vulnerable: string[];
}

const loaded: Visit = { occupancy: 'occupied', notes: '初次走访', vulnerable: [] };
// Tablet A's edit arrived while B's form was open.
const fromA: Visit = { occupancy: 'occupied', notes: '老人独居，身体尚可', residentsSeen: 1, vulnerable: ['elderly_alone'] };

describe('form drafts over a record that sync may change', () => {
  it('writes only the changed field onto the newest copy', () => {
    const edits: Edits<Visit> = { occupancy: { value: 'vacant', base: 'occupied' } };
    expect(clashesOf(fromA, edits)).toEqual([]);
    expect(applyEdits(fromA, edits)).toEqual({ ...fromA, occupancy: 'vacant' });
  });

  it('reports a field changed on both sides to different values, and not one changed to the same', () => {
    const edits: Edits<Visit> = { notes: { value: '家中无人', base: loaded.notes }, residentsSeen: { value: 1, base: undefined } };
    expect(clashesOf(fromA, edits)).toEqual(['notes']);
  });

  it('applies set fields as additions and removals, so both tablets’ flags stay', () => {
    const edits: Edits<Visit> = { vulnerable: { value: ['disabled'], base: [] } };
    expect(clashesOf(fromA, edits, ['vulnerable'])).toEqual([]);
    expect(applyEdits(fromA, edits, ['vulnerable']).vulnerable).toEqual(['elderly_alone', 'disabled']);
    const removal: Edits<Visit> = { vulnerable: { value: [], base: ['elderly_alone'] } };
    expect(applyEdits(fromA, removal, ['vulnerable']).vulnerable).toEqual([]);
  });

  it('removes a field the user cleared', () => {
    expect(applyEdits(fromA, { residentsSeen: { value: undefined, base: 1 } })).not.toHaveProperty('residentsSeen');
  });
});
