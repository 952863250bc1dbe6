import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { searchAddress, tenants, withScope } from '@linli/db';
import { useApiTest } from './support';

const t = useApiTest('cim_search');

async function search(slug: string, query: string) {
  const [row] = await t.db.owner.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
  return withScope(t.db.app.db, { tenantIds: [row!.id] }, (tx) => searchAddress(tx, { tenantId: row!.id, query, limit: 50 }));
}

describe('cim.searchAddress (R6.6.10a standard addresses, pg_trgm)', () => {
  it('pg_trgm is installed and indexes the Chinese labels', async () => {
    const [ext] = await t.db.owner.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`);
    expect(ext!.n).toBe(1);
    const [tr] = await t.db.owner.db.execute<{ t: string[] }>(sql`select show_trgm('当代moma#3栋') as t`);
    console.log('show_trgm(当代moma#3栋) =', tr!.t);
  });

  it('finds a building and its unit from partial Chinese input, never building 13 for 3', async () => {
    const hits = await search('moma', '3号楼2单元');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.buildingCode === 'B03' && (h.kind === 'building' || h.unit === 2))).toBe(true);
    const cn = await search('moma', '三号楼二单元');
    expect(cn.map((h) => h.addressCode)).toEqual(hits.map((h) => h.addressCode));
  });

  it('understands the 5-1-1201 shorthand with the community name', async () => {
    const hits = await search('moma', 'MOMA 5-1-1201');
    expect(hits[0]).toMatchObject({ kind: 'household', buildingCode: 'B05', unit: 1, room: '1201', floor: 12 });
    expect(hits[0]!.addressCode).toBe('110101-MOMA-BB05-U01-F012-R1201');
    expect(hits[0]!.labelZh).toBe('5号楼 1单元 12层 1201室');
  });

  it('tolerates full-width digits, 栋/座 spellings and a typo', async () => {
    const a = await search('moma', '５栋１单元１２０１');
    expect(a[0]?.addressCode).toBe('110101-MOMA-BB05-U01-F012-R1201');
    const typo = await search('moma', '当代MOAM 5号楼');
    expect(typo.length).toBeGreaterThan(0);
  });

  it('finds by address code and stays inside the tenant', async () => {
    const hits = await search('moma', '110101-MOMA-BB05-U01-F012-R1201');
    expect(hits[0]?.addressCode).toBe('110101-MOMA-BB05-U01-F012-R1201');
    const other = await search('fangsong-xinyuan', '110101-MOMA-BB05-U01-F012-R1201');
    expect(other.every((h) => h.addressCode.startsWith('310117-FSXY'))).toBe(true);
    expect(await search('moma', '   ')).toEqual([]);
  });
});
