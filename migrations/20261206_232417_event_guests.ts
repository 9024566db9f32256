import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-proposal-received' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-guest-confirm' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-guest-registered' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-changed' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-proposal-received' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-guest-confirm' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-guest-registered' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-changed' BEFORE 'registration-attempt';
  ALTER TABLE "rsvps" ALTER COLUMN "member_id" DROP NOT NULL;
  ALTER TABLE "rsvps" ADD COLUMN "guest_name" varchar;
  ALTER TABLE "rsvps" ADD COLUMN "guest_email" varchar;
  CREATE INDEX "rsvps_guest_email_idx" ON "rsvps" USING btree ("guest_email");
  CREATE UNIQUE INDEX "event_guestEmail_idx" ON "rsvps" USING btree ("event_id","guest_email");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-reservation-expired', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-reservation-expired', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  DROP INDEX "rsvps_guest_email_idx";
  DROP INDEX "event_guestEmail_idx";
  ALTER TABLE "rsvps" ALTER COLUMN "member_id" SET NOT NULL;
  ALTER TABLE "rsvps" DROP COLUMN "guest_name";
  ALTER TABLE "rsvps" DROP COLUMN "guest_email";`)
}
