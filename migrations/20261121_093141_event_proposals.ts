import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_events_status" ADD VALUE 'proposed';
  ALTER TYPE "public"."enum_events_status" ADD VALUE 'rejected';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-proposal-approved';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-proposal-rejected';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-proposal-approved';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-proposal-rejected';
  ALTER TABLE "events" ADD COLUMN "proposed_by_id" integer;
  ALTER TABLE "events" ADD COLUMN "decision_reason" varchar;
  ALTER TABLE "events" ADD CONSTRAINT "events_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "events_proposed_by_idx" ON "events" USING btree ("proposed_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "events" DROP CONSTRAINT "events_proposed_by_id_users_id_fk";
  
  ALTER TABLE "events" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "events" ALTER COLUMN "status" SET DEFAULT 'draft'::text;
  DROP TYPE "public"."enum_events_status";
  CREATE TYPE "public"."enum_events_status" AS ENUM('draft', 'published', 'cancelled');
  ALTER TABLE "events" ALTER COLUMN "status" SET DEFAULT 'draft'::"public"."enum_events_status";
  ALTER TABLE "events" ALTER COLUMN "status" SET DATA TYPE "public"."enum_events_status" USING "status"::"public"."enum_events_status";
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  DROP INDEX "events_proposed_by_idx";
  ALTER TABLE "events" DROP COLUMN "proposed_by_id";
  ALTER TABLE "events" DROP COLUMN "decision_reason";`)
}
