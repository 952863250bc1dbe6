import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildings, loadCommunityRegistry, tenants, withScope } from '@linli/db';
import { useApiTest } from './support';

const t = useApiTest('cim_loader');

async function tenantId(slug: string): Promise<string> {
  const [row] = await t.db.owner.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
  return row!.id;
}

describe('loadCommunityRegistry (issue #5 loader for the scene)', () => {
  it('returns the seeded registry with footprints, site and a version that changes with any registry row', async () => {
    const id = await tenantId('moma');
    const reg = await withScope(t.db.app.db, { tenantIds: [id] }, (tx) => loadCommunityRegistry(tx, id));
    expect(reg.community.code).toBe('MOMA');
    expect(reg.buildings.length).toBeGreaterThanOrEqual(15);
    expect(reg.households.length).toBeGreaterThan(1500);
    expect(reg.maxLevel).toBe(4);
    expect(reg.site.boundary.length).toBeGreaterThanOrEqual(4);
    expect(reg.site.roads.length).toBeGreaterThan(0);
    expect(reg.site.parking.length).toBeGreaterThan(0);
    expect(new Set(reg.site.facilities.map((f) => f.kind)).size).toBeGreaterThanOrEqual(5);

    const again = await withScope(t.db.app.db, { tenantIds: [id] }, (tx) => loadCommunityRegistry(tx, id));
    expect(again.version).toBe(reg.version);
    await withScope(t.db.app.db, { tenantIds: [id] }, (tx) =>
      tx.update(buildings).set({ year: sql`coalesce(year, 2005) + 1` }).where(eq(buildings.code, 'B05')),
    );
    const changed = await withScope(t.db.app.db, { tenantIds: [id] }, (tx) => loadCommunityRegistry(tx, id));
    expect(changed.version).not.toBe(reg.version);
  });

  it('sees nothing of another tenant (RLS)', async () => {
    const moma = await tenantId('moma');
    const fs = await tenantId('fangsong-xinyuan');
    const reg = await withScope(t.db.app.db, { tenantIds: [fs] }, (tx) => loadCommunityRegistry(tx, moma));
    expect(reg.buildings).toHaveLength(0);
    expect(reg.households).toHaveLength(0);
    expect(reg.site.facilities).toHaveLength(0);
  });
});
