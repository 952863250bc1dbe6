import { describe, expect, it } from 'vitest';
import { appRouter } from '../src';
import { useApiTest } from './support';

/**
 * Issue #9.11 as a rule: every query that accepts `search` must filter by it. The procedures are
 * read from the router, so a list added later is checked without anyone remembering to.
 */
const t = useApiTest('search_rule');
const NONE = 'zz-无此内容-zz';

interface ProcedureDef {
  _def: { type: string; inputs: Array<{ shape?: Record<string, unknown> }> };
}

function searchableQueries(): string[] {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures;
  return Object.entries(procedures)
    .filter(([, p]) => p._def.type === 'query' && p._def.inputs.some((i) => i.shape && 'search' in i.shape))
    .map(([path]) => path)
    .sort();
}

/** How many rows a list answer holds (paged `{ total }`, `{ items }`, a plain array, or an overview holding one list). */
function count(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const r = result as { total?: number; items?: unknown[]; communities?: unknown };
  if (r.communities) return count(r.communities);
  if (typeof r.total === 'number') return r.total;
  if (Array.isArray(r.items)) return r.items.length;
  throw new Error(`not a list: ${JSON.stringify(result).slice(0, 120)}`);
}

describe('search is honoured by every list', () => {
  it('a search that matches nothing empties each list that has rows without it', async () => {
    const paths = searchableQueries();
    expect(paths).toEqual(expect.arrayContaining(['devices.alarms', 'devices.commands', 'fieldConsole.plans.tasks', 'residents.list']));
    const callers = { tenant: await t.as('moma.admin'), platform: await t.as('admin'), district: await t.as('fs.admin') };
    const ignored: string[] = [];
    let checked = 0;
    for (const path of paths) {
      const who = path.startsWith('admin.') || path === 'audit.search' ? 'platform' : path.startsWith('district.') ? 'district' : 'tenant';
      const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], callers[who]) as (input: unknown) => Promise<unknown>;
      const base = { tenant: 'moma', district: 'fangsong', page: 1, pageSize: 5 };
      const all = count(await fn(base));
      const filtered = count(await fn({ ...base, search: NONE }));
      if (all > 0) checked++;
      if (filtered !== 0) ignored.push(`${path}: ${filtered} of ${all}`);
    }
    expect(ignored).toEqual([]);
    // The rule must have had something to bite on.
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
