/**
 * The registry import's one write path (issue #5): validation first, then one transaction that
 * upserts the community record, buildings, units, households and the ground. Used by the
 * console upload, the seed and the benchmark alike. Keys are the registry's own identifiers,
 * which the standard address codes are derived from, so a re-import updates rows in place and
 * never duplicates them; rows missing from a re-imported sheet are kept (and counted).
 */
import { and, eq, sql } from 'drizzle-orm';
import { addressCode, normalizeBuildingCode, normalizeSegment } from '@linli/cim';
import { addressSearchText, planImport, type ImportPlan, type ImportProblem, type ParsedImport } from '@linli/cim/import/index';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { buildings, cimSites, cimVersions, tenants } from '../../schema';

export interface ImportProgress {
  stage: 'parse' | 'validate' | 'site' | 'buildings' | 'units' | 'households' | 'ground' | 'done';
  done: number;
  total: number;
}

export interface RegistryImportResult {
  buildings: { inserted: number; updated: number; kept: number };
  units: number;
  households: { inserted: number; updated: number; kept: number };
  footprints: number;
  roads: number;
  parking: number;
  parkingSpaces: number;
  facilities: number;
  warnings: number;
  version: string;
  durationMs: number;
}

const CHUNK = 10_000;

async function importContext(tx: Executor, tenantId: string) {
  const [tenant] = await tx.select({ nameZh: tenants.nameZh, maxBuildings: tenants.maxBuildings }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError('NOT_FOUND', msg('社区不存在', 'Community not found'));
  const [site] = await tx.select().from(cimSites).where(eq(cimSites.tenantId, tenantId));
  const existing = await tx
    .select({ id: buildings.id, code: buildings.code, name: buildings.name, floorsAbove: buildings.floorsAbove, floorsBelow: buildings.floorsBelow, units: buildings.unitCount })
    .from(buildings)
    .where(eq(buildings.tenantId, tenantId));
  return {
    tenant,
    site: site ?? null,
    existing,
    ctx: { existing, maxBuildings: tenant.maxBuildings, community: site ? { code: site.communityCode, districtCode: site.districtCode } : {} },
  };
}

/** Validation only: what the import would do and every problem, without writing. */
export async function previewRegistryImport(tx: Executor, tenantId: string, parsed: ParsedImport): Promise<ImportPlan> {
  const { ctx } = await importContext(tx, tenantId);
  return planImport(parsed, ctx);
}

export class RegistryImportRejected extends AppError {
  constructor(readonly problems: ImportProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super('BAD_REQUEST', msg(`导入数据有 ${errors} 处错误，未写入任何内容`, `The import has ${errors} error(s); nothing was written`), {
      errors,
      problems: problems.slice(0, 1000),
    });
  }
}

const arr = (xs: unknown[]) => JSON.stringify(xs);
/** A text list as a subquery (drizzle would expand a JS array into a row constructor). */
const textList = (xs: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;

export async function commitRegistryImport(
  tx: Executor,
  actor: AuditActor,
  params: { tenantId: string; parsed: ParsedImport; files?: string[]; onProgress?: (p: ImportProgress) => void },
): Promise<RegistryImportResult> {
  const started = performance.now();
  const { tenantId, parsed } = params;
  const progress = params.onProgress ?? (() => {});
  // One import per community at a time: two concurrent uploads would race on the same rows.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('linli.cim.import'), hashtext(${tenantId}))`);
  progress({ stage: 'validate', done: 0, total: 1 });
  const { tenant, site, existing } = await importContext(tx, tenantId);
  const plan = planImport(parsed, { existing, maxBuildings: tenant.maxBuildings, community: site ? { code: site.communityCode, districtCode: site.districtCode } : {} });
  if (!plan.ok || plan.community === null) throw new RegistryImportRejected(plan.problems);
  const community = plan.community;
  const communityName = tenant.nameZh;

  progress({ stage: 'site', done: 0, total: 1 });
  const boundary = parsed.site?.boundary ?? null;
  await tx
    .insert(cimSites)
    .values({ tenantId, communityCode: community.code, districtCode: community.districtCode, boundary })
    .onConflictDoUpdate({
      target: cimSites.tenantId,
      set: {
        communityCode: community.code,
        districtCode: community.districtCode,
        ...(parsed.site !== null ? { boundary } : {}),
        updatedAt: sql`now()`,
      },
    });

  // Buildings: stored under their normalised code, the building segment of the address code.
  const existingByNorm = new Map(existing.map((b) => [normalizeBuildingCode(b.code) ?? b.code, b]));
  for (const b of plan.buildings) {
    const key = normalizeBuildingCode(b.code) as string;
    const old = existingByNorm.get(key);
    if (old && old.code !== key) await tx.update(buildings).set({ code: key }).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, old.id)));
  }
  const bResult = { inserted: 0, updated: 0, kept: 0 };
  const rows = plan.buildings.map((b) => {
    const code = normalizeBuildingCode(b.code) as string;
    const ac = addressCode({ districtCode: community.districtCode, communityCode: community.code, buildingCode: code });
    return {
      code,
      name: b.name,
      floors_above: b.floorsAbove,
      floors_below: b.floorsBelow,
      unit_count: b.units,
      use: b.use,
      footprint: b.footprint.length >= 3 ? b.footprint : null,
      unit_outlines: b.unitOutlines ?? null,
      floor_height: b.floorHeight,
      year: b.year ?? null,
      structure: b.structure ?? null,
      address_code: ac,
      search_text: addressSearchText({ community: communityName, buildingName: b.name, addressCode: ac }),
    };
  });
  progress({ stage: 'buildings', done: 0, total: rows.length });
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const [r] = await tx.execute<{ inserted: number; total: number }>(sql`
      with src as (select * from jsonb_to_recordset(${arr(part)}::jsonb) as x(
        code text, name text, floors_above int, floors_below int, unit_count int, use text, footprint jsonb, unit_outlines jsonb,
        floor_height real, year int, structure text, address_code text, search_text text)),
      up as (
        insert into buildings (tenant_id, code, name, floors_above, floors_below, unit_count, use, footprint, unit_outlines, floor_height, year, structure, address_code, search_text)
        select ${tenantId}::uuid, code, name, floors_above, floors_below, unit_count, use, footprint, unit_outlines, floor_height, year, structure, address_code, search_text from src
        on conflict (tenant_id, code) do update set
          name = excluded.name, floors_above = excluded.floors_above, floors_below = excluded.floors_below, unit_count = excluded.unit_count,
          use = excluded.use, footprint = coalesce(excluded.footprint, buildings.footprint), unit_outlines = coalesce(excluded.unit_outlines, buildings.unit_outlines),
          floor_height = excluded.floor_height, year = excluded.year, structure = excluded.structure, address_code = excluded.address_code,
          search_text = excluded.search_text, updated_at = now()
        returning (xmax = 0) as inserted)
      select count(*) filter (where inserted)::int as inserted, count(*)::int as total from up`);
    bResult.inserted += r?.inserted ?? 0;
    bResult.updated += (r?.total ?? 0) - (r?.inserted ?? 0);
    progress({ stage: 'buildings', done: Math.min(i + CHUNK, rows.length), total: rows.length });
  }
  bResult.kept = existing.length - bResult.updated;

  // Footprint-only updates for buildings the sheet did not list.
  for (const [key, f] of plan.footprintsOnly) {
    await tx
      .update(buildings)
      .set({ footprint: f.ring, ...(f.unitOutlines ? { unitOutlines: f.unitOutlines } : {}), updatedAt: sql`now()` })
      .where(and(eq(buildings.tenantId, tenantId), eq(buildings.code, key)));
  }

  const all = await tx.select({ id: buildings.id, code: buildings.code, name: buildings.name }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const byCode = new Map(all.map((b) => [b.code, b]));
  const idOf = (code: string): string | null => byCode.get(normalizeBuildingCode(code) ?? '')?.id ?? null;

  // Units (单元) with their stairs and elevators; units beyond a building's new count are removed.
  const unitRows: { building_id: string; unit: number; address_code: string; outline: unknown; stairs: number; elevators: number }[] = [];
  for (const b of plan.buildings) {
    const code = normalizeBuildingCode(b.code) as string;
    const id = idOf(code) as string;
    for (let u = 1; u <= b.units; u++) {
      unitRows.push({
        building_id: id,
        unit: u,
        address_code: addressCode({ districtCode: community.districtCode, communityCode: community.code, buildingCode: code, unit: u }),
        outline: b.unitOutlines?.[u - 1] ?? null,
        stairs: b.stairs,
        elevators: b.elevators,
      });
    }
  }
  progress({ stage: 'units', done: 0, total: unitRows.length });
  for (let i = 0; i < unitRows.length; i += CHUNK) {
    await tx.execute(sql`
      insert into cim_units (tenant_id, building_id, unit, address_code, outline, stairs, elevators, cim_level)
      select ${tenantId}::uuid, building_id, unit, address_code, outline, stairs, elevators, case when outline is null then 3 else 4 end
        from jsonb_to_recordset(${arr(unitRows.slice(i, i + CHUNK))}::jsonb) as x(building_id uuid, unit int, address_code text, outline jsonb, stairs smallint, elevators smallint)
      on conflict (tenant_id, building_id, unit) do update set address_code = excluded.address_code, outline = excluded.outline,
        stairs = excluded.stairs, elevators = excluded.elevators, cim_level = excluded.cim_level, updated_at = now()`);
  }
  if (plan.buildings.length > 0) {
    await tx.execute(sql`
      delete from cim_units u using buildings b
       where u.tenant_id = ${tenantId}::uuid and b.tenant_id = u.tenant_id and b.id = u.building_id
         and b.code in ${textList(plan.buildings.map((b) => normalizeBuildingCode(b.code) as string))} and u.unit > b.unit_count`);
  }
  progress({ stage: 'units', done: unitRows.length, total: unitRows.length });

  // Households, keyed by (building, unit, room) — the identifiers their address code is made of.
  const hResult = { inserted: 0, updated: 0, kept: 0 };
  const hh = plan.households;
  progress({ stage: 'households', done: 0, total: hh.length });
  for (let i = 0; i < hh.length; i += CHUNK) {
    const part = hh.slice(i, i + CHUNK).map((h) => {
      const code = normalizeBuildingCode(h.buildingCode) as string;
      const b = byCode.get(code) as { id: string; name: string };
      const room = normalizeSegment(h.room) as string;
      const ac = addressCode({ districtCode: community.districtCode, communityCode: community.code, buildingCode: code, unit: h.unit, floor: h.floor, room });
      return {
        building_id: b.id,
        unit: h.unit,
        floor: h.floor,
        room: h.room,
        area: h.area ?? null,
        use: h.use,
        state: h.state,
        address_code: ac,
        search_text: addressSearchText({ community: communityName, buildingName: b.name, unit: h.unit, room: h.room, addressCode: ac }),
      };
    });
    const [r] = await tx.execute<{ inserted: number; total: number }>(sql`
      with up as (
        insert into households (tenant_id, building_id, unit, floor, room, area, use, state, address_code, search_text)
        select ${tenantId}::uuid, building_id, unit, floor, room, area, use, state, address_code, search_text
          from jsonb_to_recordset(${arr(part)}::jsonb) as x(building_id uuid, unit int, floor int, room text, area real, use text, state text, address_code text, search_text text)
        on conflict (tenant_id, building_id, unit, room) do update set floor = excluded.floor, area = excluded.area, use = excluded.use,
          state = excluded.state, address_code = excluded.address_code, search_text = excluded.search_text, updated_at = now()
        returning (xmax = 0) as inserted)
      select count(*) filter (where inserted)::int as inserted, count(*)::int as total from up`);
    hResult.inserted += r?.inserted ?? 0;
    hResult.updated += (r?.total ?? 0) - (r?.inserted ?? 0);
    progress({ stage: 'households', done: Math.min(i + CHUNK, hh.length), total: hh.length });
  }
  const [hCount] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from households where tenant_id = ${tenantId}::uuid`);
  hResult.kept = (hCount?.n ?? 0) - hResult.inserted - hResult.updated;

  await tx.execute(sql`
    update buildings b set cim_level = case when b.footprint is null then 1
      when exists (select 1 from households h where h.tenant_id = b.tenant_id and h.building_id = b.id) then 4 else 3 end
     where b.tenant_id = ${tenantId}::uuid`);

  // The ground: the site file describes all of it, so objects it no longer lists are removed.
  let parkingSpaces = 0;
  const s = parsed.site;
  if (s !== null) {
    progress({ stage: 'ground', done: 0, total: s.roads.length + s.parking.length + s.facilities.length });
    const roads = s.roads.map((r) => ({ code: r.code, name: r.name, centerline: r.centerline, width: r.width }));
    await tx.execute(sql`delete from cim_roads where tenant_id = ${tenantId}::uuid and code not in ${textList(roads.map((r) => r.code))}`);
    if (roads.length > 0) {
      await tx.execute(sql`
        insert into cim_roads (tenant_id, code, name, centerline, width)
        select ${tenantId}::uuid, code, name, centerline, width from jsonb_to_recordset(${arr(roads)}::jsonb) as x(code text, name text, centerline jsonb, width real)
        on conflict (tenant_id, code) do update set name = excluded.name, centerline = excluded.centerline, width = excluded.width, updated_at = now()`);
    }
    const parking = s.parking.map((p) => ({ code: p.code, name: p.name, outline: p.outline, spaces: p.spaces, underground: p.underground, building_id: p.buildingCode ? idOf(p.buildingCode) : null }));
    await tx.execute(sql`delete from cim_parking where tenant_id = ${tenantId}::uuid and code not in ${textList(parking.map((p) => p.code))}`);
    if (parking.length > 0) {
      await tx.execute(sql`
        insert into cim_parking (tenant_id, code, name, outline, spaces, underground, building_id)
        select ${tenantId}::uuid, code, name, outline, spaces, underground, building_id
          from jsonb_to_recordset(${arr(parking)}::jsonb) as x(code text, name text, outline jsonb, spaces int, underground boolean, building_id uuid)
        on conflict (tenant_id, code) do update set name = excluded.name, outline = excluded.outline, spaces = excluded.spaces,
          underground = excluded.underground, building_id = excluded.building_id, updated_at = now()`);
      // Spaces numbered 001… per area: kept in step with the area's count (bookable later, R6.6.5).
      await tx.execute(sql`
        delete from cim_parking_spaces ps using cim_parking p
         where ps.tenant_id = ${tenantId}::uuid and p.tenant_id = ps.tenant_id and p.id = ps.parking_id and ps.code::int > p.spaces`);
      await tx.execute(sql`
        insert into cim_parking_spaces (tenant_id, parking_id, code)
        select p.tenant_id, p.id, lpad(n::text, 3, '0') from cim_parking p, generate_series(1, p.spaces) n
         where p.tenant_id = ${tenantId}::uuid
        on conflict do nothing`);
    }
    const [ps] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from cim_parking_spaces where tenant_id = ${tenantId}::uuid`);
    parkingSpaces = ps?.n ?? 0;
    const facilities = s.facilities.map((f) => ({
      code: f.code,
      kind: f.kind,
      name: f.name,
      geometry_type: f.geometry.type,
      coordinates: f.geometry.coordinates,
      height: f.height ?? null,
      cim_level: f.level,
      building_id: f.buildingCode ? idOf(f.buildingCode) : null,
    }));
    await tx.execute(sql`delete from cim_facilities where tenant_id = ${tenantId}::uuid and code not in ${textList(facilities.map((f) => f.code))}`);
    if (facilities.length > 0) {
      await tx.execute(sql`
        insert into cim_facilities (tenant_id, code, kind, name, geometry_type, coordinates, height, cim_level, building_id)
        select ${tenantId}::uuid, code, kind, name, geometry_type, coordinates, height, cim_level, building_id
          from jsonb_to_recordset(${arr(facilities)}::jsonb) as x(code text, kind text, name text, geometry_type text, coordinates jsonb, height real, cim_level smallint, building_id uuid)
        on conflict (tenant_id, code) do update set kind = excluded.kind, name = excluded.name, geometry_type = excluded.geometry_type,
          coordinates = excluded.coordinates, height = excluded.height, cim_level = excluded.cim_level, building_id = excluded.building_id, updated_at = now()`);
    }
  }

  const result: RegistryImportResult = {
    buildings: bResult,
    units: unitRows.length,
    households: hResult,
    footprints: plan.buildings.filter((b) => b.footprint.length >= 3).length + plan.footprintsOnly.size,
    roads: s?.roads.length ?? 0,
    parking: s?.parking.length ?? 0,
    parkingSpaces,
    facilities: s?.facilities.length ?? 0,
    warnings: plan.problems.filter((p) => p.severity === 'warning').length,
    version: '',
    durationMs: 0,
  };
  const [ver] = await tx.select().from(cimVersions).where(eq(cimVersions.tenantId, tenantId));
  result.version = ver ? `${ver.version}-${ver.changedAt.getTime().toString(36)}` : '0';
  await appendAudit(tx, actor, {
    action: 'cim.registry.import',
    tenantId,
    targetType: 'tenant',
    targetId: tenantId,
    summary:
      `registry import${params.files?.length ? ` (${params.files.join(', ')})` : ''}: buildings +${bResult.inserted}/~${bResult.updated}, ` +
      `households +${hResult.inserted}/~${hResult.updated}, units ${unitRows.length}, roads ${result.roads}, parking ${result.parking}, facilities ${result.facilities}`,
    after: { ...result, version: undefined, durationMs: undefined },
  });
  result.durationMs = Math.round(performance.now() - started);
  progress({ stage: 'done', done: 1, total: 1 });
  return result;
}
