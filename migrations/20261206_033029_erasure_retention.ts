import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'privacy';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'privacy';
  ALTER TABLE "users" ADD COLUMN "erasure_requested_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "erased_at" timestamp(3) with time zone;
  ALTER TABLE "settings" ADD COLUMN "erasure_delay_days" numeric DEFAULT 30;
  ALTER TABLE "settings" ADD COLUMN "retention_years" numeric DEFAULT 6;
  CREATE INDEX "users_erasure_requested_at_idx" ON "users" USING btree ("erasure_requested_at");
  CREATE INDEX "users_erased_at_idx" ON "users" USING btree ("erased_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "users_erasure_requested_at_idx";
  DROP INDEX "users_erased_at_idx";
  ALTER TABLE "users" DROP COLUMN "erasure_requested_at";
  ALTER TABLE "users" DROP COLUMN "erased_at";
  ALTER TABLE "settings" DROP COLUMN "erasure_delay_days";
  ALTER TABLE "settings" DROP COLUMN "retention_years";`)
}
