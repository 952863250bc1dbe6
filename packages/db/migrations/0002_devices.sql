CREATE TABLE "alarm_rule_overrides" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"rule_id" text NOT NULL,
	"override" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alarm_rule_overrides_tenant_id_kind_rule_id_pk" PRIMARY KEY("tenant_id","kind","rule_id")
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"severity" text NOT NULL,
	"state" text DEFAULT 'raised' NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"value" double precision,
	"raised_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"cleared_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"note" text,
	CONSTRAINT "alarms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "commands" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"name" text NOT NULL,
	"params" jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"source" text DEFAULT 'console' NOT NULL,
	"requested_by" uuid,
	"alarm_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"acked_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"detail" text,
	CONSTRAINT "commands_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "device_events" (
	"tenant_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	"event" text NOT NULL,
	"retention" text DEFAULT 'telemetry' NOT NULL,
	"data" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_events_tenant_id_device_id_ts_seq_pk" PRIMARY KEY("tenant_id","device_id","ts","seq")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "device_state" (
	"tenant_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"last_seen" timestamp with time zone,
	"last_seq" bigint,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"firmware" text,
	"faults" text[],
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_state_tenant_id_device_id_pk" PRIMARY KEY("tenant_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"building_id" uuid,
	"floor" integer,
	"lng" double precision,
	"lat" double precision,
	"zone" text,
	"secret_hash" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "devices_code_unique" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "linkage_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"rule" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "linkage_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "linkage_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"alarm_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"actions" jsonb NOT NULL,
	"command_ids" uuid[] NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "linkage_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "rejected_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid,
	"device_id" uuid,
	"topic" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"payload" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry" (
	"tenant_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	"metrics" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telemetry_tenant_id_device_id_ts_seq_pk" PRIMARY KEY("tenant_id","device_id","ts","seq")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "telemetry_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "access_retention_days" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "alarm_rule_overrides" ADD CONSTRAINT "alarm_rule_overrides_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_tenant_id_device_id_devices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","device_id") REFERENCES "public"."devices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commands" ADD CONSTRAINT "commands_tenant_id_device_id_devices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","device_id") REFERENCES "public"."devices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_state" ADD CONSTRAINT "device_state_tenant_id_device_id_devices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","device_id") REFERENCES "public"."devices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_building_id_buildings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","building_id") REFERENCES "public"."buildings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "linkage_rules" ADD CONSTRAINT "linkage_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alarms_open_unique" ON "alarms" USING btree ("tenant_id","device_id","rule_id") WHERE state in ('raised', 'acknowledged');--> statement-breakpoint
CREATE INDEX "alarms_state_idx" ON "alarms" USING btree ("tenant_id","state","raised_at");--> statement-breakpoint
CREATE INDEX "commands_state_idx" ON "commands" USING btree ("tenant_id","state","created_at");--> statement-breakpoint
CREATE INDEX "commands_device_idx" ON "commands" USING btree ("tenant_id","device_id","created_at");--> statement-breakpoint
CREATE INDEX "device_events_event_idx" ON "device_events" USING btree ("tenant_id","event","ts");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_id_idx" ON "devices" USING btree ("id");--> statement-breakpoint
CREATE INDEX "devices_kind_idx" ON "devices" USING btree ("tenant_id","kind");--> statement-breakpoint
CREATE INDEX "linkage_runs_alarm_idx" ON "linkage_runs" USING btree ("tenant_id","alarm_id");--> statement-breakpoint
CREATE INDEX "rejected_tenant_at_idx" ON "rejected_messages" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "rejected_reason_idx" ON "rejected_messages" USING btree ("reason");