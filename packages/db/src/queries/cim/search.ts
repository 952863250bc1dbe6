import { sql } from 'drizzle-orm';
import { addressLabel } from '@linli/cim';
import { addressSearchQuery } from '@linli/cim/import/search-text';
import type { Executor } from '../../client';
import { likePattern } from '../paging';

export interface AddressHit {
  kind: 'building' | 'household';
  id: string;
  addressCode: string;
  buildingCode: string;
  buildingName: string;
  unit: number | null;
  floor: number | null;
  room: string | null;
  labelZh: string;
  labelEn: string;
  /** 1 for a contains-match of the whole normalised query; otherwise the trigram similarity. */
  score: number;
}

/**
 * Standard-address search (R6.6.10a) tolerant of how people type an address: "3号楼2单元",
 * "三号楼二单元", "MOMA 5-1-1201", "1201", a code like "B03". The query is normalised like the
 * stored label (see `addressSearchText`); whole-query containment ranks first, then pg_trgm
 * similarity catches typos and partial words. Both use the trigram GIN indexes.
 */
export async function searchAddress(tx: Executor, params: { tenantId: string; query: string; limit?: number }): Promise<AddressHit[]> {
  const q = addressSearchQuery(params.query);
  if (q.replace(/#/g, '').length === 0) return [];
  const limit = Math.min(params.limit ?? 20, 50);
  const like = likePattern(q);
  type Row = { kind: 'building' | 'household'; id: string; address_code: string; building_code: string; building_name: string; unit: number | null; floor: number | null; room: string | null; score: number };
  // 1. Containment of the whole normalised query: ordered by address code, so the planner can walk
  //    the unique address index and stop at `limit` when the query is common ("1201").
  const buildingsHit = await tx.execute<Row>(sql`
    select 'building' as kind, b.id, b.address_code, b.code as building_code, b.name as building_name, null::int as unit, null::int as floor, null::text as room, 1::real as score
      from buildings b
     where b.tenant_id = ${params.tenantId}::uuid and b.address_code is not null and b.search_text like ${like}
     order by b.address_code limit ${limit}`);
  const householdsHit = await tx.execute<Row>(sql`
    select 'household' as kind, h.id, h.address_code, b.code as building_code, b.name as building_name, h.unit, h.floor, h.room, 1::real as score
      from households h join buildings b on b.tenant_id = h.tenant_id and b.id = h.building_id
     where h.tenant_id = ${params.tenantId}::uuid and h.address_code is not null and h.search_text like ${like}
     order by h.address_code limit ${limit}`);
  let rows: Row[] = [...buildingsHit, ...householdsHit].slice(0, limit);
  // 2. Nothing contains it: trigram similarity catches typos and reordered words. Typed addresses
  //    are short next to the stored labels, so the default 0.3 misses obvious typos; the looser
  //    threshold is set per transaction so the % operator (and its GIN index) applies it.
  if (rows.length === 0) {
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', '0.2', true)`);
    rows = [
      ...(await tx.execute<Row>(sql`
        select * from (
          select 'building' as kind, b.id, b.address_code, b.code as building_code, b.name as building_name, null::int as unit, null::int as floor, null::text as room,
                 similarity(b.search_text, ${q}) as score
            from buildings b
           where b.tenant_id = ${params.tenantId}::uuid and b.address_code is not null and b.search_text % ${q}
          union all
          select 'household', h.id, h.address_code, b.code, b.name, h.unit, h.floor, h.room, similarity(h.search_text, ${q})
            from households h join buildings b on b.tenant_id = h.tenant_id and b.id = h.building_id
           where h.tenant_id = ${params.tenantId}::uuid and h.address_code is not null and h.search_text % ${q}
        ) x
        order by score desc, (kind = 'building') desc, address_code
        limit ${limit}`)),
    ];
  }
  return rows.map((r) => {
    const parts = { buildingName: r.building_name, buildingCode: r.building_code, ...(r.unit !== null ? { unit: r.unit } : {}), ...(r.floor !== null ? { floor: r.floor } : {}), ...(r.room !== null ? { room: r.room } : {}) };
    return {
      kind: r.kind,
      id: r.id,
      addressCode: r.address_code,
      buildingCode: r.building_code,
      buildingName: r.building_name,
      unit: r.unit,
      floor: r.floor,
      room: r.room,
      labelZh: addressLabel(parts, 'zh'),
      labelEn: addressLabel(parts, 'en'),
      score: Number(r.score),
    };
  });
}
