import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_member_imports_mode" AS ENUM('create', 'update');
  CREATE TYPE "public"."enum_member_imports_options_date_order" AS ENUM('dmy', 'mdy');
  CREATE TYPE "public"."enum_member_imports_status" AS ENUM('uploaded', 'checked', 'queued', 'running', 'finished', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'memberImport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'memberImport';
  CREATE TABLE "member_imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"filename" varchar,
  	"mode" "enum_member_imports_mode" DEFAULT 'create',
  	"csv" varchar NOT NULL,
  	"delimiter" varchar,
  	"headers" jsonb,
  	"row_count" numeric,
  	"mapping" jsonb,
  	"options_send_welcome" boolean DEFAULT false,
  	"options_send_receipts" boolean DEFAULT false,
  	"options_date_order" "enum_member_imports_options_date_order" DEFAULT 'dmy',
  	"status" "enum_member_imports_status" DEFAULT 'uploaded' NOT NULL,
  	"dry_run" jsonb,
  	"progress_total" numeric DEFAULT 0,
  	"progress_processed" numeric DEFAULT 0,
  	"progress_created" numeric DEFAULT 0,
  	"progress_updated" numeric DEFAULT 0,
  	"progress_unchanged" numeric DEFAULT 0,
  	"progress_failed" numeric DEFAULT 0,
  	"results" jsonb,
  	"run_by_id" integer,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "memberships" ADD COLUMN "member_import_id" integer;
  ALTER TABLE "payments" ADD COLUMN "member_import_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "member_imports_id" integer;
  ALTER TABLE "member_imports" ADD CONSTRAINT "member_imports_run_by_id_users_id_fk" FOREIGN KEY ("run_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "member_imports_status_idx" ON "member_imports" USING btree ("status");
  CREATE INDEX "member_imports_run_by_idx" ON "member_imports" USING btree ("run_by_id");
  CREATE INDEX "member_imports_updated_at_idx" ON "member_imports" USING btree ("updated_at");
  CREATE INDEX "member_imports_created_at_idx" ON "member_imports" USING btree ("created_at");
  ALTER TABLE "memberships" ADD CONSTRAINT "memberships_member_import_id_member_imports_id_fk" FOREIGN KEY ("member_import_id") REFERENCES "public"."member_imports"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_member_import_id_member_imports_id_fk" FOREIGN KEY ("member_import_id") REFERENCES "public"."member_imports"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_member_imports_fk" FOREIGN KEY ("member_imports_id") REFERENCES "public"."member_imports"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "memberships_history_at_idx" ON "memberships_history" USING btree ("at");
  CREATE INDEX "memberships_history_parent_at_newest_idx" ON "memberships_history" USING btree ("_parent_id","at" DESC NULLS LAST,"_order" DESC NULLS LAST);
  CREATE INDEX "memberships_member_import_idx" ON "memberships" USING btree ("member_import_id");
  CREATE INDEX "payments_member_import_idx" ON "payments" USING btree ("member_import_id");
  CREATE INDEX "payload_locked_documents_rels_member_imports_id_idx" ON "payload_locked_documents_rels" USING btree ("member_imports_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "member_imports" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "member_imports" CASCADE;
  ALTER TABLE "memberships" DROP CONSTRAINT "memberships_member_import_id_member_imports_id_fk";
  
  ALTER TABLE "payments" DROP CONSTRAINT "payments_member_import_id_member_imports_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_member_imports_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'privacy');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'privacy');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "memberships_history_at_idx";
  DROP INDEX "memberships_history_parent_at_newest_idx";
  DROP INDEX "memberships_member_import_idx";
  DROP INDEX "payments_member_import_idx";
  DROP INDEX "payload_locked_documents_rels_member_imports_id_idx";
  ALTER TABLE "memberships" DROP COLUMN "member_import_id";
  ALTER TABLE "payments" DROP COLUMN "member_import_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "member_imports_id";
  DROP TYPE "public"."enum_member_imports_mode";
  DROP TYPE "public"."enum_member_imports_options_date_order";
  DROP TYPE "public"."enum_member_imports_status";`)
}
