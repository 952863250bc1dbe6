-- CIM registry tables are tenant-owned: RLS enabled and FORCEd like every other tenant table.
SELECT app_enable_tenant_rls('cim_sites');
--> statement-breakpoint
SELECT app_enable_tenant_rls('cim_versions');
--> statement-breakpoint
SELECT app_enable_tenant_rls('cim_units');
--> statement-breakpoint
SELECT app_enable_tenant_rls('cim_facilities');
--> statement-breakpoint
SELECT app_enable_tenant_rls('cim_roads');
--> statement-breakpoint
SELECT app_enable_tenant_rls('cim_parking');
--> statement-breakpoint
SELECT app_enable_tenant_rls('cim_parking_spaces');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON cim_sites, cim_versions, cim_units, cim_facilities, cim_roads, cim_parking, cim_parking_spaces TO linli_app;
--> statement-breakpoint
-- Address search (R6.6.10a, Table 2 standard addresses): trigram index over a normalised label.
-- pg_trgm ships with embedded-postgres 18 and is a trusted extension (no superuser needed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS households_search_trgm ON households USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS buildings_search_trgm ON buildings USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
-- The registry version of a tenant: one counter bumped once per statement that touches any
-- registry row (transition tables, so a 200,000-row import bumps it once, not 200,000 times).
-- The scene keys its cached glb / 3D Tiles on it. Rows of a tenant being deleted are skipped.
CREATE OR REPLACE FUNCTION app_cim_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO cim_versions AS v (tenant_id, version, changed_at)
      SELECT DISTINCT o.tenant_id, 1, now() FROM old_rows o WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = o.tenant_id)
      ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1, changed_at = now();
  ELSE
    INSERT INTO cim_versions AS v (tenant_id, version, changed_at)
      SELECT DISTINCT n.tenant_id, 1, now() FROM new_rows n WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = n.tenant_id)
      ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1, changed_at = now();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_cim_versioned(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE OR REPLACE TRIGGER cim_version_ins AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_cim_bump_version()', tbl);
  EXECUTE format('CREATE OR REPLACE TRIGGER cim_version_upd AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_cim_bump_version()', tbl);
  EXECUTE format('CREATE OR REPLACE TRIGGER cim_version_del AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_cim_bump_version()', tbl);
END $$;
--> statement-breakpoint
SELECT app_cim_versioned('buildings');
--> statement-breakpoint
SELECT app_cim_versioned('households');
--> statement-breakpoint
SELECT app_cim_versioned('cim_sites');
--> statement-breakpoint
SELECT app_cim_versioned('cim_units');
--> statement-breakpoint
SELECT app_cim_versioned('cim_facilities');
--> statement-breakpoint
SELECT app_cim_versioned('cim_roads');
--> statement-breakpoint
SELECT app_cim_versioned('cim_parking');
--> statement-breakpoint
SELECT app_cim_versioned('cim_parking_spaces');
