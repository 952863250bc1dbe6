-- Issue #9.1: `SET search_path = public` still searches pg_temp first, so a role that may create
-- temporary tables could shadow field_clock with one of its own (plus a trigger) and run code as
-- the function's owner. Every SECURITY DEFINER function pins pg_temp last and names its tables
-- with their schema; the service roles may not create temporary objects at all.
CREATE OR REPLACE FUNCTION field_next_stamp(now_ms bigint, n integer DEFAULT 1) RETURNS bigint LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE public.field_clock SET last_ms = greatest(last_ms + greatest(n, 1), now_ms + greatest(n, 1) - 1) WHERE singleton = 1 RETURNING last_ms
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION field_next_stamp(bigint, integer) FROM PUBLIC;
--> statement-breakpoint
-- TEMP reaches every role through PUBLIC by default; the app and the bridge get nothing that way.
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM linli_app, linli_bridge', current_database());
END
$$;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
