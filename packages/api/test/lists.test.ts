import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApiTest } from './support';

const t = useApiTest('lists');
let owner: postgres.Sql;
beforeAll(() => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
});
afterAll(() => owner?.end());

describe('list figures match the database', () => {
  it('buildings carry their real household and occupancy counts', async () => {
    const api = await t.as('moma.admin');
    const page = await api.tenant.buildings({ tenant: 'moma', page: 1, pageSize: 100 });
    const truth = await owner`
      select b.code, count(h.id)::int as households, count(h.id) filter (where h.state in ('occupied','rented'))::int as occupied
        from buildings b join tenants t on t.id = b.tenant_id left join households h on h.tenant_id = b.tenant_id and h.building_id = b.id
       where t.slug = 'moma' group by b.code order by b.code`;
    expect(page.items.map((b) => ({ code: b.code, households: b.households, occupied: b.occupied }))).toEqual(truth.map((r) => ({ ...r })));
    expect(page.items.some((b) => b.households > 0)).toBe(true);
  });

  it('users carry their real membership counts', async () => {
    const api = await t.as('admin');
    const { items } = await api.admin.users({ page: 1, pageSize: 100 });
    const truth = await owner`select u.username, count(m.id)::int as n from users u left join memberships m on m.user_id = u.id group by u.username`;
    const expected = Object.fromEntries(truth.map((r) => [r.username, r.n]));
    expect(Object.fromEntries(items.map((u) => [u.username, u.memberships]))).toEqual(expected);
  });

  it('the district totals equal the sum of its communities', async () => {
    const api = await t.as('fs.admin');
    const view = await api.district.overview({ district: 'fangsong', page: 1, pageSize: 20 });
    const sum = (k: 'buildings' | 'households' | 'residents') => view.communities.items.reduce((n, c) => n + c.counts[k], 0);
    expect(view.totals).toMatchObject({ buildings: sum('buildings'), households: sum('households'), residents: sum('residents'), communities: 3 });
  });
});
