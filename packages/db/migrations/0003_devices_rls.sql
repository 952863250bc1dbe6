-- Monthly partitions for telemetry and device events, with RLS on every partition too: a
-- partition queried directly would otherwise skip the parent's policies.
CREATE OR REPLACE FUNCTION app_ensure_month_partitions(parent text, first_month date, months int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m date;
  part text;
BEGIN
  FOR i IN 0..months - 1 LOOP
    m := (date_trunc('month', first_month) + make_interval(months => i))::date;
    part := format('%s_p%s', parent, to_char(m, 'YYYY_MM'));
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent, m, (m + interval '1 month')::date);
      PERFORM app_enable_tenant_rls(part::regclass);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT;
--> statement-breakpoint
CREATE TABLE device_events_default PARTITION OF device_events DEFAULT;
--> statement-breakpoint
SELECT app_ensure_month_partitions('telemetry', (now() - interval '1 month')::date, 4);
--> statement-breakpoint
SELECT app_ensure_month_partitions('device_events', (now() - interval '1 month')::date, 4);
--> statement-breakpoint
SELECT app_enable_tenant_rls('telemetry');
--> statement-breakpoint
SELECT app_enable_tenant_rls('telemetry_default');
--> statement-breakpoint
SELECT app_enable_tenant_rls('device_events');
--> statement-breakpoint
SELECT app_enable_tenant_rls('device_events_default');
--> statement-breakpoint
SELECT app_enable_tenant_rls('devices');
--> statement-breakpoint
SELECT app_enable_tenant_rls('device_state');
--> statement-breakpoint
SELECT app_enable_tenant_rls('alarms');
--> statement-breakpoint
SELECT app_enable_tenant_rls('alarm_rule_overrides');
--> statement-breakpoint
SELECT app_enable_tenant_rls('commands');
--> statement-breakpoint
SELECT app_enable_tenant_rls('linkage_rules');
--> statement-breakpoint
SELECT app_enable_tenant_rls('linkage_runs');
--> statement-breakpoint
-- The bridge ingests for every tenant: its own role, no BYPASSRLS; it sets the tenant context
-- per batch like the app does. It may read the device directory to authenticate devices.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linli_bridge') THEN
    CREATE ROLE linli_bridge NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
--> statement-breakpoint
CREATE POLICY bridge_directory ON devices FOR SELECT TO linli_bridge USING (true);
--> statement-breakpoint
ALTER TABLE rejected_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE rejected_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rejected_read ON rejected_messages FOR SELECT USING (app_is_platform() OR tenant_id = ANY (app_tenant_ids()));
--> statement-breakpoint
CREATE POLICY rejected_record ON rejected_messages FOR INSERT TO linli_bridge WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY rejected_purge ON rejected_messages FOR DELETE TO linli_bridge USING (true);
--> statement-breakpoint
CREATE POLICY rejected_bridge_read ON rejected_messages FOR SELECT TO linli_bridge USING (true);
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO linli_bridge;
--> statement-breakpoint
GRANT SELECT ON tenants, buildings, devices, alarm_rule_overrides, linkage_rules, memberships, grants TO linli_bridge;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON device_state, telemetry, device_events, alarms, commands, linkage_runs TO linli_bridge;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON rejected_messages TO linli_bridge;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE rejected_messages_id_seq TO linli_bridge;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO linli_bridge;
--> statement-breakpoint
GRANT SELECT, UPDATE ON audit_head TO linli_bridge;
--> statement-breakpoint
-- Partitions created later by app_ensure_month_partitions inherit these through the parent.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO linli_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM linli_app;
