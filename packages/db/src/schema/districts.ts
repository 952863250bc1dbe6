import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns';

/** A street office's area (街道). Tenants (communities) belong to one district. */
export const districts = pgTable('districts', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  city: text('city').notNull(),
  ...timestamps,
});
