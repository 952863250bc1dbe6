CREATE TABLE "rejected_message_counts" (
	"tenant_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rejected_message_counts_tenant_id_device_id_reason_bucket_pk" PRIMARY KEY("tenant_id","device_id","reason","bucket")
);
--> statement-breakpoint
CREATE INDEX "rejected_counts_bucket_idx" ON "rejected_message_counts" USING btree ("tenant_id","bucket");--> statement-breakpoint
-- Counts for what was refused before this table existed, so the console's figures per reason do
-- not drop on upgrade (rejected_messages is readable by the owner only in the platform context).
SELECT set_config('app.platform', 'on', true);
--> statement-breakpoint
INSERT INTO rejected_message_counts (tenant_id, device_id, reason, bucket, count, last_at)
  SELECT tenant_id, device_id, reason, date_trunc('minute', received_at), count(*)::int, max(received_at)
    FROM rejected_messages WHERE tenant_id IS NOT NULL AND device_id IS NOT NULL
    GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
SELECT set_config('app.platform', '', true);
--> statement-breakpoint
SELECT app_enable_tenant_rls('rejected_message_counts');
--> statement-breakpoint
-- The bridge adds to the counts inside a tenant context and purges old minutes; the app reads them.
GRANT SELECT, INSERT, UPDATE, DELETE ON rejected_message_counts TO linli_bridge;
--> statement-breakpoint
GRANT SELECT ON rejected_message_counts TO linli_app;
