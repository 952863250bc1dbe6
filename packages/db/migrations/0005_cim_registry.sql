CREATE TABLE "cim_facilities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"geometry_type" text NOT NULL,
	"coordinates" jsonb NOT NULL,
	"height" real,
	"cim_level" smallint DEFAULT 3 NOT NULL,
	"building_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cim_facilities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cim_facilities_code_unique" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "cim_parking" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"outline" jsonb NOT NULL,
	"spaces" integer NOT NULL,
	"underground" boolean DEFAULT false NOT NULL,
	"building_id" uuid,
	"cim_level" smallint DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cim_parking_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cim_parking_code_unique" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "cim_parking_spaces" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"parking_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text DEFAULT 'standard' NOT NULL,
	"outline" jsonb,
	"cim_level" smallint DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cim_parking_spaces_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cim_parking_spaces_code_unique" UNIQUE("tenant_id","parking_id","code")
);
--> statement-breakpoint
CREATE TABLE "cim_roads" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"centerline" jsonb NOT NULL,
	"width" real NOT NULL,
	"cim_level" smallint DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cim_roads_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cim_roads_code_unique" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "cim_sites" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"community_code" text NOT NULL,
	"district_code" text NOT NULL,
	"boundary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cim_units" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"unit" integer NOT NULL,
	"address_code" text NOT NULL,
	"outline" jsonb,
	"stairs" smallint DEFAULT 1 NOT NULL,
	"elevators" smallint DEFAULT 0 NOT NULL,
	"cim_level" smallint DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cim_units_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cim_units_unit_unique" UNIQUE("tenant_id","building_id","unit")
);
--> statement-breakpoint
CREATE TABLE "cim_versions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "footprint" jsonb;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "unit_outlines" jsonb;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "floor_height" real DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "year" integer;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "structure" text;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "address_code" text;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "cim_level" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "search_text" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "address_code" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "search_text" text;--> statement-breakpoint
ALTER TABLE "cim_facilities" ADD CONSTRAINT "cim_facilities_tenant_id_building_id_buildings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","building_id") REFERENCES "public"."buildings"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_parking" ADD CONSTRAINT "cim_parking_tenant_id_building_id_buildings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","building_id") REFERENCES "public"."buildings"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_parking_spaces" ADD CONSTRAINT "cim_parking_spaces_tenant_id_parking_id_cim_parking_tenant_id_id_fk" FOREIGN KEY ("tenant_id","parking_id") REFERENCES "public"."cim_parking"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_sites" ADD CONSTRAINT "cim_sites_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_units" ADD CONSTRAINT "cim_units_tenant_id_building_id_buildings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","building_id") REFERENCES "public"."buildings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_versions" ADD CONSTRAINT "cim_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cim_facilities_kind_idx" ON "cim_facilities" USING btree ("tenant_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "cim_units_address_code_unique" ON "cim_units" USING btree ("tenant_id","address_code");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_address_code_unique" ON "buildings" USING btree ("tenant_id","address_code");--> statement-breakpoint
CREATE UNIQUE INDEX "households_address_code_unique" ON "households" USING btree ("tenant_id","address_code");