import { and, eq } from 'drizzle-orm';
import { decryptField, mask, type FieldKeys } from '@linli/security';
import type { Executor } from '../client';
import { buildings, households, residents, tenants } from '../schema';

/**
 * A resident's own page: their household and its members. Their own record is shown in full
 * (it is theirs); the other members of the household are masked.
 */
export async function residentHome(tx: Executor, keys: FieldKeys, params: { userId: string }) {
  const [me] = await tx.select().from(residents).where(eq(residents.userId, params.userId));
  if (!me) return null;
  const [tenant] = await tx.select({ nameZh: tenants.nameZh, nameEn: tenants.nameEn, address: tenants.address }).from(tenants).where(eq(tenants.id, me.tenantId));
  const household = me.householdId
    ? (
        await tx
          .select({ id: households.id, unit: households.unit, floor: households.floor, room: households.room, area: households.area, state: households.state, buildingName: buildings.name })
          .from(households)
          .innerJoin(buildings, and(eq(buildings.tenantId, households.tenantId), eq(buildings.id, households.buildingId)))
          .where(eq(households.id, me.householdId))
      )[0] ?? null
    : null;
  const members = household
    ? (await tx.select({ id: residents.id, name: residents.name, category: residents.category }).from(residents).where(eq(residents.householdId, household.id)))
        .filter((m) => m.id !== me.id)
        .map((m) => ({ ...m, name: mask('name', m.name) }))
    : [];
  return {
    community: tenant ?? null,
    me: {
      name: me.name,
      phone: me.phone,
      idNumber: me.idNumberEnc ? mask('idNumber', decryptField(me.idNumberEnc, keys.enc)) : null,
      category: me.category,
    },
    household,
    members,
  };
}
