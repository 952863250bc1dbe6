-- The app connects as linli_app: not the owner, no BYPASSRLS, so row-level security always applies.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linli_app') THEN
    CREATE ROLE linli_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
--> statement-breakpoint
-- The tenant ids a transaction may touch, set per request with set_config('app.tenant_ids', ..., true).
-- No setting (or an empty one) means no tenant: every tenant table then reads as empty.
CREATE OR REPLACE FUNCTION app_tenant_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN coalesce(current_setting('app.tenant_ids', true), '') = '' THEN '{}'::uuid[]
              ELSE string_to_array(current_setting('app.tenant_ids', true), ',')::uuid[] END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_is_platform() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(current_setting('app.platform', true), '') = 'on'
$$;
--> statement-breakpoint
-- Every tenant-owned table calls this in the migration that creates it.
CREATE OR REPLACE FUNCTION app_enable_tenant_rls(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = ANY (app_tenant_ids())) WITH CHECK (tenant_id = ANY (app_tenant_ids()))', tbl);
END $$;
--> statement-breakpoint
SELECT app_enable_tenant_rls('buildings');
--> statement-breakpoint
SELECT app_enable_tenant_rls('households');
--> statement-breakpoint
SELECT app_enable_tenant_rls('residents');
--> statement-breakpoint
-- Audit rows of a tenant are visible in that tenant's context; platform context sees all.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_read ON audit_log FOR SELECT USING (app_is_platform() OR tenant_id = ANY (app_tenant_ids()));
--> statement-breakpoint
CREATE POLICY audit_append ON audit_log FOR INSERT WITH CHECK (app_is_platform() OR tenant_id IS NULL OR tenant_id = ANY (app_tenant_ids()));
--> statement-breakpoint
INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO linli_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO linli_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO linli_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO linli_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO linli_app;
--> statement-breakpoint
-- The log is append-only for the app: it can never rewrite history, only add to it.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM linli_app;
--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON audit_head FROM linli_app;
