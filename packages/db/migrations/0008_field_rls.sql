-- Field work (issue #4): every table is tenant-isolated by RLS, forced, for the non-owner app role.
SELECT app_enable_tenant_rls('field_patrol_routes');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_patrol_runs');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_tasks');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_cases');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_visits');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_places');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_photos');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_conflicts');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_photo_uploads');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_areas');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_area_members');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_plans');
--> statement-breakpoint
SELECT app_enable_tenant_rls('field_patrol_schedules');
--> statement-breakpoint
-- Push batches span tenants (one batch may carry rows of several communities the worker serves):
-- they are isolated by the worker who sent them instead.
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
ALTER TABLE field_push_batches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE field_push_batches FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_batches ON field_push_batches USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
-- The field clock: the next updated_at (ms) for a write, strictly after every earlier field write
-- of any tenant (a worker may pull several communities with one checkpoint). The row lock is held
-- to commit, so stamps follow commit order and a pull checkpoint never passes a row that commits
-- later with a smaller stamp. The table holds no tenant data and is reachable only through here.
INSERT INTO field_clock (singleton, last_ms) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- With n > 1 it reserves n consecutive stamps and returns the last one (bulk writes).
CREATE OR REPLACE FUNCTION field_next_stamp(now_ms bigint, n integer DEFAULT 1) RETURNS bigint LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE field_clock SET last_ms = greatest(last_ms + greatest(n, 1), now_ms + greatest(n, 1) - 1) WHERE singleton = 1 RETURNING last_ms
$$;
--> statement-breakpoint
-- New tables reach linli_app through the default privileges of 0001; the clock is not for it.
REVOKE ALL ON field_clock FROM linli_app;
--> statement-breakpoint
REVOKE ALL ON FUNCTION field_next_stamp(bigint, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION field_next_stamp(bigint, integer) TO linli_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_user_id() TO linli_app;
--> statement-breakpoint
-- The bridge's sweep generates plan tasks and raises overdue reminders, tenant by tenant.
GRANT SELECT, UPDATE ON field_plans TO linli_bridge;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON field_tasks, field_cases TO linli_bridge;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION field_next_stamp(bigint, integer) TO linli_bridge;
--> statement-breakpoint
ALTER TABLE field_clock ENABLE ROW LEVEL SECURITY;
