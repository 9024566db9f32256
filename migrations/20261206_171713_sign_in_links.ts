import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_sign_in_events_method" AS ENUM('password', 'link', 'code');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'signInLink' BEFORE 'privacy';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'signInLink' BEFORE 'privacy';
  CREATE TABLE "sign_in_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"person_id" integer,
  	"email" varchar,
  	"method" "enum_sign_in_events_method" NOT NULL,
  	"succeeded" boolean DEFAULT false NOT NULL,
  	"address" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users" ADD COLUMN "sign_in_token_hash" varchar;
  ALTER TABLE "users" ADD COLUMN "sign_in_code_hash" varchar;
  ALTER TABLE "users" ADD COLUMN "sign_in_expires_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "sign_in_code_attempts" numeric;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "sign_in_events_id" integer;
  ALTER TABLE "settings" ADD COLUMN "sign_in_link_minutes" numeric DEFAULT 15;
  ALTER TABLE "sign_in_events" ADD CONSTRAINT "sign_in_events_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "sign_in_events_person_idx" ON "sign_in_events" USING btree ("person_id");
  CREATE INDEX "sign_in_events_updated_at_idx" ON "sign_in_events" USING btree ("updated_at");
  CREATE INDEX "sign_in_events_created_at_idx" ON "sign_in_events" USING btree ("created_at");
  CREATE INDEX "person_createdAt_idx" ON "sign_in_events" USING btree ("person_id","created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_sign_in_events_fk" FOREIGN KEY ("sign_in_events_id") REFERENCES "public"."sign_in_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_sign_in_token_hash_idx" ON "users" USING btree ("sign_in_token_hash");
  CREATE INDEX "payload_locked_documents_rels_sign_in_events_id_idx" ON "payload_locked_documents_rels" USING btree ("sign_in_events_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "sign_in_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "sign_in_events" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_sign_in_events_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'privacy', 'memberImport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'privacy', 'memberImport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "users_sign_in_token_hash_idx";
  DROP INDEX "payload_locked_documents_rels_sign_in_events_id_idx";
  ALTER TABLE "users" DROP COLUMN "sign_in_token_hash";
  ALTER TABLE "users" DROP COLUMN "sign_in_code_hash";
  ALTER TABLE "users" DROP COLUMN "sign_in_expires_at";
  ALTER TABLE "users" DROP COLUMN "sign_in_code_attempts";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "sign_in_events_id";
  ALTER TABLE "settings" DROP COLUMN "sign_in_link_minutes";
  DROP TYPE "public"."enum_sign_in_events_method";`)
}
