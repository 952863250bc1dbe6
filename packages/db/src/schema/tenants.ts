import { date, doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns';
import { districts } from './districts';

export const PLANS = ['basic', 'standard', 'premium'] as const;
export type Plan = (typeof PLANS)[number];
export const TENANT_STATUSES = ['active', 'suspended'] as const;

/** A community / site (小区): the unit of isolation and of subscription. */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    districtId: uuid('district_id').references(() => districts.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    address: text('address').notNull().default(''),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    plan: text('plan', { enum: PLANS }).notNull().default('standard'),
    status: text('status', { enum: TENANT_STATUSES }).notNull().default('active'),
    maxBuildings: integer('max_buildings').notNull().default(50),
    maxDevices: integer('max_devices').notNull().default(2000),
    maxUsers: integer('max_users').notNull().default(100),
    subscriptionEndsAt: date('subscription_ends_at', { mode: 'string' }),
    /** Device data retention (R5.3.7: access events ≥ 180 days; telemetry ≥ 90 days). */
    telemetryRetentionDays: integer('telemetry_retention_days').notNull().default(90),
    accessRetentionDays: integer('access_retention_days').notNull().default(180),
    ...timestamps,
  },
  (t) => [index('tenants_district_idx').on(t.districtId)],
);
