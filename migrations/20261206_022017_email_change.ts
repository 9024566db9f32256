import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'email-change-confirm';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'email-changed';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'email-change-confirm';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'email-changed';
  ALTER TABLE "users" ADD COLUMN "pending_email" varchar;
  ALTER TABLE "users" ADD COLUMN "email_change_token_hash" varchar;
  ALTER TABLE "users" ADD COLUMN "email_change_expires_at" timestamp(3) with time zone;
  CREATE INDEX "users_email_change_token_hash_idx" ON "users" USING btree ("email_change_token_hash");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  DROP INDEX "users_email_change_token_hash_idx";
  ALTER TABLE "users" DROP COLUMN "pending_email";
  ALTER TABLE "users" DROP COLUMN "email_change_token_hash";
  ALTER TABLE "users" DROP COLUMN "email_change_expires_at";`)
}
