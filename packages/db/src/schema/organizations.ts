import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns';
import { districts } from './districts';

export const ORG_KINDS = [
  'platform',
  'street_office',
  'property_company',
  'residents_committee',
  'service_provider',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: ORG_KINDS }).notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** Street offices govern one district; district roles reach its tenants through grants. */
  districtId: uuid('district_id').references(() => districts.id),
  ...timestamps,
});
