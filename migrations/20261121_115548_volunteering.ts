import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_volunteer_assignments_status" AS ENUM('active', 'ended');
  CREATE TYPE "public"."enum_shifts_assigned_via" AS ENUM('signup', 'coordinator');
  CREATE TYPE "public"."enum_availability_weekly_day" AS ENUM('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
  CREATE TYPE "public"."enum_availability_dates_kind" AS ENUM('available', 'unavailable');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'certificateReminders';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'certificateReminders';
  CREATE TABLE "volunteer_roles" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "volunteer_roles_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"certificate_types_id" integer
  );
  
  CREATE TABLE "certificate_types" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"validity_months" numeric,
  	"description" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "certificates" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"member_id" integer NOT NULL,
  	"type_id" integer NOT NULL,
  	"issued_on" timestamp(3) with time zone NOT NULL,
  	"expires_on" timestamp(3) with time zone,
  	"issuer" varchar,
  	"reference" varchar,
  	"verified" boolean DEFAULT false,
  	"verified_by_id" integer,
  	"verified_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "volunteer_assignments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"role_id" integer NOT NULL,
  	"status" "enum_volunteer_assignments_status" DEFAULT 'active' NOT NULL,
  	"certificates_valid_until" timestamp(3) with time zone,
  	"certificate_issue" varchar,
  	"assigned_at" timestamp(3) with time zone,
  	"assigned_by_id" integer,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "shifts_assigned" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"member_id" integer,
  	"via" "enum_shifts_assigned_via",
  	"added_at" timestamp(3) with time zone,
  	"added_by_id" integer,
  	"attended" boolean DEFAULT false,
  	"hours" numeric
  );
  
  CREATE TABLE "shifts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"role_id" integer NOT NULL,
  	"event_id" integer,
  	"starts_at" timestamp(3) with time zone NOT NULL,
  	"ends_at" timestamp(3) with time zone NOT NULL,
  	"location" varchar,
  	"people_needed" numeric DEFAULT 1 NOT NULL,
  	"open_places" numeric,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "availability_weekly" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"day" "enum_availability_weekly_day" NOT NULL,
  	"from" varchar NOT NULL,
  	"to" varchar NOT NULL
  );
  
  CREATE TABLE "availability_dates" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"kind" "enum_availability_dates_kind" DEFAULT 'unavailable' NOT NULL,
  	"from" timestamp(3) with time zone NOT NULL,
  	"to" timestamp(3) with time zone NOT NULL,
  	"note" varchar
  );
  
  CREATE TABLE "availability" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "availability_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"volunteer_roles_id" integer
  );
  
  CREATE TABLE "certificate_reminders" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"certificate_id" integer NOT NULL,
  	"member_id" integer NOT NULL,
  	"expires_on" timestamp(3) with time zone NOT NULL,
  	"days_before" numeric NOT NULL,
  	"notification_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "volunteer_roles_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "certificate_types_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "certificates_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "volunteer_assignments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "shifts_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "availability_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "certificate_reminders_id" integer;
  ALTER TABLE "settings" ADD COLUMN "job_runs_certificate_reminders" timestamp(3) with time zone;
  ALTER TABLE "volunteer_roles_rels" ADD CONSTRAINT "volunteer_roles_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."volunteer_roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "volunteer_roles_rels" ADD CONSTRAINT "volunteer_roles_rels_certificate_types_fk" FOREIGN KEY ("certificate_types_id") REFERENCES "public"."certificate_types"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "certificates" ADD CONSTRAINT "certificates_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "certificates" ADD CONSTRAINT "certificates_type_id_certificate_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."certificate_types"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "certificates" ADD CONSTRAINT "certificates_verified_by_id_users_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "volunteer_assignments" ADD CONSTRAINT "volunteer_assignments_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "volunteer_assignments" ADD CONSTRAINT "volunteer_assignments_role_id_volunteer_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."volunteer_roles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "volunteer_assignments" ADD CONSTRAINT "volunteer_assignments_assigned_by_id_users_id_fk" FOREIGN KEY ("assigned_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shifts_assigned" ADD CONSTRAINT "shifts_assigned_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shifts_assigned" ADD CONSTRAINT "shifts_assigned_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shifts_assigned" ADD CONSTRAINT "shifts_assigned_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shifts" ADD CONSTRAINT "shifts_role_id_volunteer_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."volunteer_roles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shifts" ADD CONSTRAINT "shifts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "availability_weekly" ADD CONSTRAINT "availability_weekly_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."availability"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "availability_dates" ADD CONSTRAINT "availability_dates_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."availability"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "availability" ADD CONSTRAINT "availability_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "availability_rels" ADD CONSTRAINT "availability_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."availability"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "availability_rels" ADD CONSTRAINT "availability_rels_volunteer_roles_fk" FOREIGN KEY ("volunteer_roles_id") REFERENCES "public"."volunteer_roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "certificate_reminders" ADD CONSTRAINT "certificate_reminders_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "certificate_reminders" ADD CONSTRAINT "certificate_reminders_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "certificate_reminders" ADD CONSTRAINT "certificate_reminders_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "volunteer_roles_name_idx" ON "volunteer_roles" USING btree ("name");
  CREATE INDEX "volunteer_roles_updated_at_idx" ON "volunteer_roles" USING btree ("updated_at");
  CREATE INDEX "volunteer_roles_created_at_idx" ON "volunteer_roles" USING btree ("created_at");
  CREATE INDEX "volunteer_roles_rels_order_idx" ON "volunteer_roles_rels" USING btree ("order");
  CREATE INDEX "volunteer_roles_rels_parent_idx" ON "volunteer_roles_rels" USING btree ("parent_id");
  CREATE INDEX "volunteer_roles_rels_path_idx" ON "volunteer_roles_rels" USING btree ("path");
  CREATE INDEX "volunteer_roles_rels_certificate_types_id_idx" ON "volunteer_roles_rels" USING btree ("certificate_types_id");
  CREATE UNIQUE INDEX "certificate_types_name_idx" ON "certificate_types" USING btree ("name");
  CREATE INDEX "certificate_types_updated_at_idx" ON "certificate_types" USING btree ("updated_at");
  CREATE INDEX "certificate_types_created_at_idx" ON "certificate_types" USING btree ("created_at");
  CREATE INDEX "certificates_member_idx" ON "certificates" USING btree ("member_id");
  CREATE INDEX "certificates_type_idx" ON "certificates" USING btree ("type_id");
  CREATE INDEX "certificates_expires_on_idx" ON "certificates" USING btree ("expires_on");
  CREATE INDEX "certificates_verified_idx" ON "certificates" USING btree ("verified");
  CREATE INDEX "certificates_verified_by_idx" ON "certificates" USING btree ("verified_by_id");
  CREATE INDEX "certificates_updated_at_idx" ON "certificates" USING btree ("updated_at");
  CREATE INDEX "certificates_created_at_idx" ON "certificates" USING btree ("created_at");
  CREATE UNIQUE INDEX "certificates_filename_idx" ON "certificates" USING btree ("filename");
  CREATE INDEX "volunteer_assignments_member_idx" ON "volunteer_assignments" USING btree ("member_id");
  CREATE INDEX "volunteer_assignments_role_idx" ON "volunteer_assignments" USING btree ("role_id");
  CREATE INDEX "volunteer_assignments_status_idx" ON "volunteer_assignments" USING btree ("status");
  CREATE INDEX "volunteer_assignments_certificates_valid_until_idx" ON "volunteer_assignments" USING btree ("certificates_valid_until");
  CREATE INDEX "volunteer_assignments_assigned_by_idx" ON "volunteer_assignments" USING btree ("assigned_by_id");
  CREATE INDEX "volunteer_assignments_updated_at_idx" ON "volunteer_assignments" USING btree ("updated_at");
  CREATE INDEX "volunteer_assignments_created_at_idx" ON "volunteer_assignments" USING btree ("created_at");
  CREATE UNIQUE INDEX "member_role_idx" ON "volunteer_assignments" USING btree ("member_id","role_id");
  CREATE INDEX "shifts_assigned_order_idx" ON "shifts_assigned" USING btree ("_order");
  CREATE INDEX "shifts_assigned_parent_id_idx" ON "shifts_assigned" USING btree ("_parent_id");
  CREATE INDEX "shifts_assigned_member_idx" ON "shifts_assigned" USING btree ("member_id");
  CREATE INDEX "shifts_assigned_added_by_idx" ON "shifts_assigned" USING btree ("added_by_id");
  CREATE INDEX "shifts_role_idx" ON "shifts" USING btree ("role_id");
  CREATE INDEX "shifts_event_idx" ON "shifts" USING btree ("event_id");
  CREATE INDEX "shifts_starts_at_idx" ON "shifts" USING btree ("starts_at");
  CREATE INDEX "shifts_ends_at_idx" ON "shifts" USING btree ("ends_at");
  CREATE INDEX "shifts_open_places_idx" ON "shifts" USING btree ("open_places");
  CREATE INDEX "shifts_updated_at_idx" ON "shifts" USING btree ("updated_at");
  CREATE INDEX "shifts_created_at_idx" ON "shifts" USING btree ("created_at");
  CREATE INDEX "availability_weekly_order_idx" ON "availability_weekly" USING btree ("_order");
  CREATE INDEX "availability_weekly_parent_id_idx" ON "availability_weekly" USING btree ("_parent_id");
  CREATE INDEX "availability_dates_order_idx" ON "availability_dates" USING btree ("_order");
  CREATE INDEX "availability_dates_parent_id_idx" ON "availability_dates" USING btree ("_parent_id");
  CREATE INDEX "availability_member_idx" ON "availability" USING btree ("member_id");
  CREATE INDEX "availability_updated_at_idx" ON "availability" USING btree ("updated_at");
  CREATE INDEX "availability_created_at_idx" ON "availability" USING btree ("created_at");
  CREATE UNIQUE INDEX "member_idx" ON "availability" USING btree ("member_id");
  CREATE INDEX "availability_rels_order_idx" ON "availability_rels" USING btree ("order");
  CREATE INDEX "availability_rels_parent_idx" ON "availability_rels" USING btree ("parent_id");
  CREATE INDEX "availability_rels_path_idx" ON "availability_rels" USING btree ("path");
  CREATE INDEX "availability_rels_volunteer_roles_id_idx" ON "availability_rels" USING btree ("volunteer_roles_id");
  CREATE INDEX "certificate_reminders_certificate_idx" ON "certificate_reminders" USING btree ("certificate_id");
  CREATE INDEX "certificate_reminders_member_idx" ON "certificate_reminders" USING btree ("member_id");
  CREATE INDEX "certificate_reminders_notification_idx" ON "certificate_reminders" USING btree ("notification_id");
  CREATE INDEX "certificate_reminders_updated_at_idx" ON "certificate_reminders" USING btree ("updated_at");
  CREATE INDEX "certificate_reminders_created_at_idx" ON "certificate_reminders" USING btree ("created_at");
  CREATE UNIQUE INDEX "certificate_expiresOn_daysBefore_idx" ON "certificate_reminders" USING btree ("certificate_id","expires_on","days_before");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_volunteer_roles_fk" FOREIGN KEY ("volunteer_roles_id") REFERENCES "public"."volunteer_roles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_certificate_types_fk" FOREIGN KEY ("certificate_types_id") REFERENCES "public"."certificate_types"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_certificates_fk" FOREIGN KEY ("certificates_id") REFERENCES "public"."certificates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_volunteer_assignments_fk" FOREIGN KEY ("volunteer_assignments_id") REFERENCES "public"."volunteer_assignments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_shifts_fk" FOREIGN KEY ("shifts_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_availability_fk" FOREIGN KEY ("availability_id") REFERENCES "public"."availability"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_certificate_reminders_fk" FOREIGN KEY ("certificate_reminders_id") REFERENCES "public"."certificate_reminders"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_volunteer_roles_id_idx" ON "payload_locked_documents_rels" USING btree ("volunteer_roles_id");
  CREATE INDEX "payload_locked_documents_rels_certificate_types_id_idx" ON "payload_locked_documents_rels" USING btree ("certificate_types_id");
  CREATE INDEX "payload_locked_documents_rels_certificates_id_idx" ON "payload_locked_documents_rels" USING btree ("certificates_id");
  CREATE INDEX "payload_locked_documents_rels_volunteer_assignments_id_idx" ON "payload_locked_documents_rels" USING btree ("volunteer_assignments_id");
  CREATE INDEX "payload_locked_documents_rels_shifts_id_idx" ON "payload_locked_documents_rels" USING btree ("shifts_id");
  CREATE INDEX "payload_locked_documents_rels_availability_id_idx" ON "payload_locked_documents_rels" USING btree ("availability_id");
  CREATE INDEX "payload_locked_documents_rels_certificate_reminders_id_idx" ON "payload_locked_documents_rels" USING btree ("certificate_reminders_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "volunteer_roles" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "volunteer_roles_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "certificate_types" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "certificates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "volunteer_assignments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shifts_assigned" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shifts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "availability_weekly" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "availability_dates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "availability" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "availability_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "certificate_reminders" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "volunteer_roles" CASCADE;
  DROP TABLE "volunteer_roles_rels" CASCADE;
  DROP TABLE "certificate_types" CASCADE;
  DROP TABLE "certificates" CASCADE;
  DROP TABLE "volunteer_assignments" CASCADE;
  DROP TABLE "shifts_assigned" CASCADE;
  DROP TABLE "shifts" CASCADE;
  DROP TABLE "availability_weekly" CASCADE;
  DROP TABLE "availability_dates" CASCADE;
  DROP TABLE "availability" CASCADE;
  DROP TABLE "availability_rels" CASCADE;
  DROP TABLE "certificate_reminders" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_volunteer_roles_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_certificate_types_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_certificates_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_volunteer_assignments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_shifts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_availability_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_certificate_reminders_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_volunteer_roles_id_idx";
  DROP INDEX "payload_locked_documents_rels_certificate_types_id_idx";
  DROP INDEX "payload_locked_documents_rels_certificates_id_idx";
  DROP INDEX "payload_locked_documents_rels_volunteer_assignments_id_idx";
  DROP INDEX "payload_locked_documents_rels_shifts_id_idx";
  DROP INDEX "payload_locked_documents_rels_availability_id_idx";
  DROP INDEX "payload_locked_documents_rels_certificate_reminders_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "volunteer_roles_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "certificate_types_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "certificates_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "volunteer_assignments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "shifts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "availability_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "certificate_reminders_id";
  ALTER TABLE "settings" DROP COLUMN "job_runs_certificate_reminders";
  DROP TYPE "public"."enum_volunteer_assignments_status";
  DROP TYPE "public"."enum_shifts_assigned_via";
  DROP TYPE "public"."enum_availability_weekly_day";
  DROP TYPE "public"."enum_availability_dates_kind";`)
}
