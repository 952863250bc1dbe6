import { eq, inArray, sql } from 'drizzle-orm';
import { districts, grants, memberships, organizations, tenants, users, type Db } from '@linli/db';
import { hashPassword } from '@linli/auth/password';
import type { ReferenceData } from './reference';
import { LOCK_CLASS } from './seed-sql';

export interface PlatformIds {
  tenantIds: Map<string, string>;
  userIds: Map<string, string>;
  cities: Map<string, string>;
  usersCreated: number;
}

/** Districts, tenants, organizations, users, memberships and grants: the tables without RLS. */
export async function seedPlatform(db: Db, ref: ReferenceData, demoPassword: string, log: (line: string) => void): Promise<PlatformIds> {
  const { platform } = ref;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, 0)`);

    const districtRows = await tx
      .insert(districts)
      .values(platform.districts.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, city: d.city })))
      .onConflictDoUpdate({
        target: districts.code,
        set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, city: sql`excluded.city`, updatedAt: sql`now()` },
      })
      .returning({ id: districts.id, code: districts.code });
    const districtIds = new Map(districtRows.map((d) => [d.code, d.id]));

    const tenantRows = await tx
      .insert(tenants)
      .values(
        ref.tenants.map((t) => ({
          slug: t.slug,
          districtId: districtIds.get(t.district) ?? null,
          nameZh: t.nameZh,
          nameEn: t.nameEn,
          address: t.address,
          lng: t.lng,
          lat: t.lat,
          plan: t.plan,
          maxBuildings: t.maxBuildings,
          maxDevices: t.maxDevices,
          maxUsers: t.maxUsers,
          subscriptionEndsAt: t.subscriptionEndsAt,
        })),
      )
      .onConflictDoUpdate({
        target: tenants.slug,
        set: {
          districtId: sql`excluded.district_id`,
          nameZh: sql`excluded.name_zh`,
          nameEn: sql`excluded.name_en`,
          address: sql`excluded.address`,
          lng: sql`excluded.lng`,
          lat: sql`excluded.lat`,
          plan: sql`excluded.plan`,
          maxBuildings: sql`excluded.max_buildings`,
          maxDevices: sql`excluded.max_devices`,
          maxUsers: sql`excluded.max_users`,
          subscriptionEndsAt: sql`excluded.subscription_ends_at`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: tenants.id, slug: tenants.slug });
    const tenantIds = new Map(tenantRows.map((t) => [t.slug, t.id]));

    // Organizations have no natural unique key in the schema: match on (kind, name_zh).
    const orgKey = (kind: string, nameZh: string) => `${kind}\u0000${nameZh}`;
    const existingOrgs = await tx
      .select({ id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn, districtId: organizations.districtId })
      .from(organizations)
      .where(inArray(organizations.nameZh, platform.organizations.map((o) => o.nameZh)));
    const byName = new Map(existingOrgs.map((o) => [orgKey(o.kind, o.nameZh), o]));
    const orgIds = new Map<string, string>();
    for (const o of platform.organizations) {
      const districtId = o.district ? (districtIds.get(o.district) ?? null) : null;
      const found = byName.get(orgKey(o.kind, o.nameZh));
      if (found) {
        if (found.nameEn !== o.nameEn || found.districtId !== districtId) {
          await tx.update(organizations).set({ nameEn: o.nameEn, districtId, updatedAt: sql`now()` }).where(eq(organizations.id, found.id));
        }
        orgIds.set(o.key, found.id);
      } else {
        const [row] = await tx.insert(organizations).values({ kind: o.kind, nameZh: o.nameZh, nameEn: o.nameEn, districtId }).returning({ id: organizations.id });
        if (!row) throw new Error(`could not insert organization ${o.key}`);
        orgIds.set(o.key, row.id);
      }
    }

    // Users: an existing account keeps its password (and anything else its owner changed).
    const usernames = platform.users.map((u) => u.username);
    const existing = new Set(
      (await tx.select({ username: users.username }).from(users).where(inArray(users.username, usernames))).map((u) => u.username),
    );
    const missing = platform.users.filter((u) => !existing.has(u.username));
    let usersCreated = 0;
    if (missing.length > 0) {
      const passwordHash = await hashPassword(demoPassword); // once, shared by every new demo account
      const inserted = await tx
        .insert(users)
        .values(missing.map((u) => ({ username: u.username, displayName: u.displayName, phone: u.phone, passwordHash })))
        .onConflictDoNothing()
        .returning({ id: users.id });
      usersCreated = inserted.length;
    }
    const userRows = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
    const userIds = new Map(userRows.map((u) => [u.username, u.id]));

    const id = (map: Map<string, string>, key: string, what: string): string => {
      const v = map.get(key);
      if (!v) throw new Error(`seed: no id for ${what} ${key}`);
      return v;
    };
    const membershipRows = platform.users.flatMap((u) =>
      u.memberships.map((m) => ({
        userId: id(userIds, u.username, 'user'),
        organizationId: id(orgIds, m.org, 'organization'),
        role: m.role,
        tenantId: m.tenant ? id(tenantIds, m.tenant, 'tenant') : null,
      })),
    );
    if (membershipRows.length > 0) await tx.insert(memberships).values(membershipRows).onConflictDoNothing();
    const grantRows = platform.grants.map((g) => ({
      organizationId: id(orgIds, g.org, 'organization'),
      tenantId: id(tenantIds, g.tenant, 'tenant'),
      accessLevel: g.level,
    }));
    if (grantRows.length > 0) await tx.insert(grants).values(grantRows).onConflictDoNothing();

    log(
      `seed: platform: ${districtRows.length} districts, ${tenantRows.length} tenants, ${orgIds.size} organizations, ` +
        `${userIds.size} users (${usersCreated} new), ${membershipRows.length} memberships, ${grantRows.length} grants`,
    );
    return { tenantIds, userIds, cities: new Map(platform.districts.map((d) => [d.code, d.city])), usersCreated };
  });
}
