ALTER TABLE "residents" ADD CONSTRAINT "residents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commands" ADD CONSTRAINT "commands_alarm_fk" FOREIGN KEY ("tenant_id","alarm_id") REFERENCES "public"."alarms"("tenant_id","id") ON DELETE SET NULL ("alarm_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linkage_runs" ADD CONSTRAINT "linkage_runs_alarm_fk" FOREIGN KEY ("tenant_id","alarm_id") REFERENCES "public"."alarms"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_facilities" ADD CONSTRAINT "cim_facilities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_parking" ADD CONSTRAINT "cim_parking_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cim_roads" ADD CONSTRAINT "cim_roads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_cases" ADD CONSTRAINT "field_cases_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_conflicts" ADD CONSTRAINT "field_conflicts_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_patrol_routes" ADD CONSTRAINT "field_patrol_routes_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_patrol_runs" ADD CONSTRAINT "field_patrol_runs_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_patrol_runs" ADD CONSTRAINT "field_patrol_runs_ref_fk" FOREIGN KEY ("tenant_id","ref_id") REFERENCES "public"."field_patrol_routes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_photo_uploads" ADD CONSTRAINT "field_photo_uploads_photo_fk" FOREIGN KEY ("tenant_id","id") REFERENCES "public"."field_photos"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_photos" ADD CONSTRAINT "field_photos_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_places" ADD CONSTRAINT "field_places_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_places" ADD CONSTRAINT "field_places_ref_fk" FOREIGN KEY ("tenant_id","ref_id") REFERENCES "public"."field_places"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_tasks" ADD CONSTRAINT "field_tasks_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_tasks" ADD CONSTRAINT "field_tasks_ref_fk" FOREIGN KEY ("tenant_id","ref_id") REFERENCES "public"."field_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_visits" ADD CONSTRAINT "field_visits_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_visits" ADD CONSTRAINT "field_visits_ref_fk" FOREIGN KEY ("tenant_id","ref_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_patrol_schedules" ADD CONSTRAINT "field_patrol_schedules_route_fk" FOREIGN KEY ("tenant_id","route_id") REFERENCES "public"."field_patrol_routes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_plans" ADD CONSTRAINT "field_plans_device_fk" FOREIGN KEY ("tenant_id","device_id") REFERENCES "public"."devices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_plans" ADD CONSTRAINT "field_plans_area_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written from here (issue #9: references stay inside their tenant).
-- A composite key's plain SET NULL would null tenant_id too (NOT NULL: the delete would fail);
-- PostgreSQL 15+ can null only the reference. drizzle cannot express the column list, so the
-- keys above (commands_alarm_fk) and below keep 'set null' in the schema and snapshot.
ALTER TABLE "cim_facilities" DROP CONSTRAINT "cim_facilities_tenant_id_building_id_buildings_tenant_id_id_fk", ADD CONSTRAINT "cim_facilities_tenant_id_building_id_buildings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","building_id") REFERENCES "public"."buildings"("tenant_id","id") ON DELETE SET NULL ("building_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "cim_parking" DROP CONSTRAINT "cim_parking_tenant_id_building_id_buildings_tenant_id_id_fk", ADD CONSTRAINT "cim_parking_tenant_id_building_id_buildings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","building_id") REFERENCES "public"."buildings"("tenant_id","id") ON DELETE SET NULL ("building_id") ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "residents" DROP CONSTRAINT "residents_tenant_id_household_id_households_tenant_id_id_fk", ADD CONSTRAINT "residents_tenant_id_household_id_households_tenant_id_id_fk" FOREIGN KEY ("tenant_id","household_id") REFERENCES "public"."households"("tenant_id","id") ON DELETE SET NULL ("household_id") ON UPDATE no action;
--> statement-breakpoint
-- The roles a user holds in a tenant: a membership (for all of its organization's tenants, or
-- narrowed to this one) times the organization's grant on the tenant — the pairing
-- loadAccessProfile makes. Inlinable (SQL, STABLE, invoker): memberships and grants are platform
-- tables without RLS that linli_app and linli_bridge may read.
CREATE OR REPLACE FUNCTION app_tenant_roles(tenant uuid, person uuid) RETURNS TABLE (role text, access_level text) LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT m.role, g.access_level
    FROM public.memberships m JOIN public.grants g ON g.organization_id = m.organization_id
   WHERE m.user_id = person AND g.tenant_id = tenant AND (m.tenant_id IS NULL OR m.tenant_id = tenant)
$$;
--> statement-breakpoint
-- Users are platform-wide, so a foreign key cannot say "a member of this community". This trigger
-- does: the user a row names must hold one of the roles, through a grant of one of the levels,
-- in the row's tenant. It raises foreign_key_violation (23503) named by the label, which the API
-- maps to its message like any other cross-tenant reference. Checked when the reference is
-- written or changes, not afterwards: someone who leaves stays named on the work they did.
-- TG_ARGV: label, column, key inside the column's jsonb ('' = the column itself), roles, levels.
-- Invoker rights: it reads only memberships and grants.
CREATE OR REPLACE FUNCTION app_check_tenant_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  raw text := CASE WHEN TG_ARGV[2] = '' THEN to_jsonb(NEW) ->> TG_ARGV[1] ELSE to_jsonb(NEW) -> TG_ARGV[1] ->> TG_ARGV[2] END;
  ok boolean := false;
BEGIN
  IF raw IS NULL THEN RETURN NULL; END IF;
  IF raw ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    ok := EXISTS (SELECT 1 FROM public.app_tenant_roles(NEW.tenant_id, raw::uuid) r
                   WHERE r.role = ANY (TG_ARGV[3]::text[]) AND r.access_level = ANY (TG_ARGV[4]::text[]));
  END IF;
  IF NOT ok THEN
    RAISE EXCEPTION USING
      ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = TG_ARGV[1],
      MESSAGE = format('insert or update on table "%s" violates constraint "%s"', TG_TABLE_NAME, TG_ARGV[0]),
      DETAIL = format('User %s is not a member of tenant %s in roles %s with access %s.', raw, NEW.tenant_id, TG_ARGV[3], TG_ARGV[4]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Puts the member check on a column (or a key of a jsonb column): one constraint trigger for
-- inserts, one for updates that change the reference, so other writes never pay for it.
CREATE OR REPLACE FUNCTION app_require_tenant_member(tbl regclass, label text, col text, json_key text, roles text[], levels text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  new_val text := CASE WHEN json_key = '' THEN format('NEW.%I', col) ELSE format('(NEW.%I -> %L)', col, json_key) END;
  old_val text := CASE WHEN json_key = '' THEN format('OLD.%I', col) ELSE format('(OLD.%I -> %L)', col, json_key) END;
  args text := format('%L, %L, %L, %L, %L', label, col, json_key, roles, levels);
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', label || '_ins', tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', label || '_upd', tbl);
  EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT ON %s FOR EACH ROW WHEN (%s IS NOT NULL) EXECUTE FUNCTION app_check_tenant_member(%s)',
                 label || '_ins', tbl, new_val, args);
  EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER UPDATE ON %s FOR EACH ROW WHEN (%s IS DISTINCT FROM %s OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id) EXECUTE FUNCTION app_check_tenant_member(%s)',
                 label || '_upd', tbl, new_val, old_val, args);
END $$;
--> statement-breakpoint
-- Who may be named. Field work (tasks from plans, patrol rounds, cases to handle, grid areas) goes
-- to the field roles of @linli/sync FIELD_ROLES through an operate grant: the people the console
-- offers and the workflow lets start and resolve (test: packages/api/test/tenant-refs.test.ts).
SELECT app_require_tenant_member('field_plans', 'field_plans_assignee_member', 'assignee_id', '', '{grid_worker,technician,security_guard,property_staff}', '{operate}');
--> statement-breakpoint
SELECT app_require_tenant_member('field_patrol_schedules', 'field_patrol_schedules_guard_member', 'guard_id', '', '{grid_worker,technician,security_guard,property_staff}', '{operate}');
--> statement-breakpoint
SELECT app_require_tenant_member('field_area_members', 'field_area_members_user_member', 'user_id', '', '{grid_worker,technician,security_guard,property_staff}', '{operate}');
--> statement-breakpoint
SELECT app_require_tenant_member('field_cases', 'field_cases_assignee_member', 'doc', 'assigneeId', '{grid_worker,technician,security_guard,property_staff}', '{operate}');
--> statement-breakpoint
-- A resident's login must be a resident of this community.
SELECT app_require_tenant_member('residents', 'residents_user_member', 'user_id', '', '{resident}', '{operate,supervise,serve}');
--> statement-breakpoint
-- A uuid[] naming rows of another table cannot carry a foreign key: every element must be a row
-- of the same tenant. TG_ARGV: label, column, referenced table. Invoker rights: the lookup sees
-- the writer's tenants (RLS), which include the row's own.
CREATE OR REPLACE FUNCTION app_check_tenant_id_array() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing uuid;
BEGIN
  EXECUTE format('SELECT x FROM unnest(($1).%I) x WHERE NOT EXISTS (SELECT 1 FROM public.%I r WHERE r.tenant_id = ($1).tenant_id AND r.id = x) LIMIT 1', TG_ARGV[1], TG_ARGV[2])
    INTO missing USING NEW;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION USING
      ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[0], SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = TG_ARGV[1],
      MESSAGE = format('insert or update on table "%s" violates constraint "%s"', TG_TABLE_NAME, TG_ARGV[0]),
      DETAIL = format('Key (tenant_id, id)=(%s, %s) is not present in table "%s".', NEW.tenant_id, missing, TG_ARGV[2]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER field_areas_buildings_ref_ins AFTER INSERT ON field_areas FOR EACH ROW EXECUTE FUNCTION app_check_tenant_id_array('field_areas_buildings_ref', 'building_ids', 'buildings');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER field_areas_buildings_ref_upd AFTER UPDATE ON field_areas FOR EACH ROW WHEN (NEW.building_ids IS DISTINCT FROM OLD.building_ids OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id) EXECUTE FUNCTION app_check_tenant_id_array('field_areas_buildings_ref', 'building_ids', 'buildings');
