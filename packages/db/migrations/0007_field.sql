CREATE TABLE "field_cases" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_cases_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_clock" (
	"singleton" integer PRIMARY KEY NOT NULL,
	"last_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_conflicts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_conflicts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_patrol_routes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_patrol_routes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_patrol_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_patrol_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_photo_uploads" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"size" bigint NOT NULL,
	"received" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"sha256" text,
	"error" jsonb,
	"path" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_photo_uploads_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_photos" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_photos_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_places" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_places_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_push_batches" (
	"user_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"collection" text NOT NULL,
	"device_id" text NOT NULL,
	"result" jsonb NOT NULL,
	"rows" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_push_batches_user_id_batch_id_pk" PRIMARY KEY("user_id","batch_id")
);
--> statement-breakpoint
CREATE TABLE "field_tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_visits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"updated_at" bigint NOT NULL,
	"area_id" uuid,
	"owner_id" uuid,
	"status" text,
	"kind" text,
	"ref_id" uuid,
	"due_at" bigint,
	"overdue_at" bigint,
	"deleted" boolean DEFAULT false NOT NULL,
	"doc" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_area_members" (
	"tenant_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "field_area_members_tenant_id_area_id_user_id_pk" PRIMARY KEY("tenant_id","area_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "field_areas" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"building_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_areas_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_patrol_schedules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"route_id" uuid NOT NULL,
	"start_minutes" integer[] NOT NULL,
	"weekdays" integer[] NOT NULL,
	"guard_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_patrol_schedules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "field_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"device_id" uuid,
	"area_id" uuid,
	"assignee_id" uuid NOT NULL,
	"checklist" jsonb NOT NULL,
	"every_days" integer NOT NULL,
	"lead_hours" integer DEFAULT 24 NOT NULL,
	"grace_hours" integer DEFAULT 0 NOT NULL,
	"next_due_at" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "field_cases" ADD CONSTRAINT "field_cases_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_conflicts" ADD CONSTRAINT "field_conflicts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_patrol_routes" ADD CONSTRAINT "field_patrol_routes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_patrol_runs" ADD CONSTRAINT "field_patrol_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_photo_uploads" ADD CONSTRAINT "field_photo_uploads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_photos" ADD CONSTRAINT "field_photos_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_places" ADD CONSTRAINT "field_places_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_push_batches" ADD CONSTRAINT "field_push_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_tasks" ADD CONSTRAINT "field_tasks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_visits" ADD CONSTRAINT "field_visits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_area_members" ADD CONSTRAINT "field_area_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_area_members" ADD CONSTRAINT "field_area_members_tenant_id_area_id_field_areas_tenant_id_id_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."field_areas"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_areas" ADD CONSTRAINT "field_areas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_patrol_schedules" ADD CONSTRAINT "field_patrol_schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_plans" ADD CONSTRAINT "field_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "field_cases_checkpoint_idx" ON "field_cases" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_cases_owner_idx" ON "field_cases" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_cases_ref_idx" ON "field_cases" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_conflicts_checkpoint_idx" ON "field_conflicts" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_conflicts_owner_idx" ON "field_conflicts" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_conflicts_ref_idx" ON "field_conflicts" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_patrol_routes_checkpoint_idx" ON "field_patrol_routes" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_patrol_routes_owner_idx" ON "field_patrol_routes" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_patrol_routes_ref_idx" ON "field_patrol_routes" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_patrol_runs_checkpoint_idx" ON "field_patrol_runs" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_patrol_runs_owner_idx" ON "field_patrol_runs" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_patrol_runs_ref_idx" ON "field_patrol_runs" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_photos_checkpoint_idx" ON "field_photos" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_photos_owner_idx" ON "field_photos" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_photos_ref_idx" ON "field_photos" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_places_checkpoint_idx" ON "field_places" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_places_owner_idx" ON "field_places" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_places_ref_idx" ON "field_places" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_tasks_checkpoint_idx" ON "field_tasks" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_tasks_owner_idx" ON "field_tasks" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_tasks_ref_idx" ON "field_tasks" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_visits_checkpoint_idx" ON "field_visits" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "field_visits_owner_idx" ON "field_visits" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "field_visits_ref_idx" ON "field_visits" USING btree ("tenant_id","ref_id");--> statement-breakpoint
CREATE INDEX "field_area_members_user_idx" ON "field_area_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "field_patrol_schedules_route_idx" ON "field_patrol_schedules" USING btree ("tenant_id","route_id");--> statement-breakpoint
CREATE INDEX "field_plans_due_idx" ON "field_plans" USING btree ("tenant_id","active","next_due_at");