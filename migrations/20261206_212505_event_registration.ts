import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_events_eligibility_membership_statuses" AS ENUM('applied', 'approved', 'rejected', 'awaiting_payment', 'active', 'grace', 'lapsed', 'cancelled');
  CREATE TYPE "public"."enum_events_payment_method" AS ENUM('free', 'on_the_day', 'manual', 'bank_transfer', 'online');
  CREATE TYPE "public"."enum_rsvps_registration_status" AS ENUM('new', 'form_completed', 'payment_pending', 'registered', 'registered_without_payment', 'cancelled', 'expired');
  CREATE TYPE "public"."enum_rsvps_currency" AS ENUM('GBP', 'EUR', 'USD');
  ALTER TYPE "public"."enum_events_questions_kind" ADD VALUE 'number' BEFORE 'choice';
  ALTER TYPE "public"."enum_events_questions_kind" ADD VALUE 'date' BEFORE 'choice';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-reservation-expired' BEFORE 'event-proposal-approved';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-reservation-expired' BEFORE 'event-proposal-approved';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'releaseReservations';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'releaseReservations';
  CREATE TABLE "events_member_prices" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"tier_id" integer NOT NULL,
  	"amount" numeric NOT NULL
  );
  
  CREATE TABLE "events_eligibility_membership_statuses" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_events_eligibility_membership_statuses",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  ALTER TABLE "payments" ADD COLUMN "rsvp_id" integer;
  ALTER TABLE "events_questions" ADD COLUMN "help" varchar;
  ALTER TABLE "events" ADD COLUMN "parent_id" integer;
  ALTER TABLE "events" ADD COLUMN "edition" varchar;
  ALTER TABLE "events" ADD COLUMN "payment_method" "enum_events_payment_method" DEFAULT 'free';
  ALTER TABLE "events" ADD COLUMN "payment_instructions" varchar;
  ALTER TABLE "events" ADD COLUMN "bank_account" varchar;
  ALTER TABLE "events" ADD COLUMN "hold_days" numeric;
  ALTER TABLE "events" ADD COLUMN "payment_grace_days" numeric;
  ALTER TABLE "events" ADD COLUMN "eligibility_min_age" numeric;
  ALTER TABLE "events" ADD COLUMN "eligibility_max_age" numeric;
  ALTER TABLE "events" ADD COLUMN "eligibility_certificate_type_id" integer;
  ALTER TABLE "rsvps" ADD COLUMN "registration_status" "enum_rsvps_registration_status";
  ALTER TABLE "rsvps" ADD COLUMN "held_until" timestamp(3) with time zone;
  ALTER TABLE "rsvps" ADD COLUMN "amount_due" numeric;
  ALTER TABLE "rsvps" ADD COLUMN "currency" "enum_rsvps_currency";
  ALTER TABLE "rsvps" ADD COLUMN "payment_method" varchar;
  ALTER TABLE "rsvps" ADD COLUMN "payment_reference" varchar;
  ALTER TABLE "rsvps" ADD COLUMN "payment_id" integer;
  ALTER TABLE "rsvps" ADD COLUMN "exempt_reason" varchar;
  ALTER TABLE "settings" ADD COLUMN "job_runs_release_reservations" timestamp(3) with time zone;
  ALTER TABLE "events_member_prices" ADD CONSTRAINT "events_member_prices_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."tiers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "events_member_prices" ADD CONSTRAINT "events_member_prices_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "events_eligibility_membership_statuses" ADD CONSTRAINT "events_eligibility_membership_statuses_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "events_member_prices_order_idx" ON "events_member_prices" USING btree ("_order");
  CREATE INDEX "events_member_prices_parent_id_idx" ON "events_member_prices" USING btree ("_parent_id");
  CREATE INDEX "events_member_prices_tier_idx" ON "events_member_prices" USING btree ("tier_id");
  CREATE INDEX "events_eligibility_membership_statuses_order_idx" ON "events_eligibility_membership_statuses" USING btree ("order");
  CREATE INDEX "events_eligibility_membership_statuses_parent_idx" ON "events_eligibility_membership_statuses" USING btree ("parent_id");
  ALTER TABLE "payments" ADD CONSTRAINT "payments_rsvp_id_rsvps_id_fk" FOREIGN KEY ("rsvp_id") REFERENCES "public"."rsvps"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "events" ADD CONSTRAINT "events_parent_id_events_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "events" ADD CONSTRAINT "events_eligibility_certificate_type_id_certificate_types_id_fk" FOREIGN KEY ("eligibility_certificate_type_id") REFERENCES "public"."certificate_types"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "payments_rsvp_idx" ON "payments" USING btree ("rsvp_id");
  CREATE INDEX "events_parent_idx" ON "events" USING btree ("parent_id");
  CREATE INDEX "events_eligibility_eligibility_certificate_type_idx" ON "events" USING btree ("eligibility_certificate_type_id");
  CREATE INDEX "rsvps_registration_status_idx" ON "rsvps" USING btree ("registration_status");
  CREATE UNIQUE INDEX "rsvps_payment_reference_idx" ON "rsvps" USING btree ("payment_reference");
  CREATE INDEX "rsvps_payment_idx" ON "rsvps" USING btree ("payment_id");
  CREATE INDEX "registrationStatus_heldUntil_idx" ON "rsvps" USING btree ("registration_status","held_until");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "events_member_prices" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "events_eligibility_membership_statuses" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "events_member_prices" CASCADE;
  DROP TABLE "events_eligibility_membership_statuses" CASCADE;
  ALTER TABLE "payments" DROP CONSTRAINT "payments_rsvp_id_rsvps_id_fk";
  
  ALTER TABLE "events" DROP CONSTRAINT "events_parent_id_events_id_fk";
  
  ALTER TABLE "events" DROP CONSTRAINT "events_eligibility_certificate_type_id_certificate_types_id_fk";
  
  ALTER TABLE "rsvps" DROP CONSTRAINT "rsvps_payment_id_payments_id_fk";
  
  ALTER TABLE "events_questions" ALTER COLUMN "kind" SET DATA TYPE text;
  ALTER TABLE "events_questions" ALTER COLUMN "kind" SET DEFAULT 'text'::text;
  DROP TYPE "public"."enum_events_questions_kind";
  CREATE TYPE "public"."enum_events_questions_kind" AS ENUM('text', 'choice', 'yes_no');
  ALTER TABLE "events_questions" ALTER COLUMN "kind" SET DEFAULT 'text'::"public"."enum_events_questions_kind";
  ALTER TABLE "events_questions" ALTER COLUMN "kind" SET DATA TYPE "public"."enum_events_questions_kind" USING "kind"::"public"."enum_events_questions_kind";
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'signInLink', 'privacy', 'memberImport', 'inquiryFollowUps');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'signInLink', 'privacy', 'memberImport', 'inquiryFollowUps');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payments_rsvp_idx";
  DROP INDEX "events_parent_idx";
  DROP INDEX "events_eligibility_eligibility_certificate_type_idx";
  DROP INDEX "rsvps_registration_status_idx";
  DROP INDEX "rsvps_payment_reference_idx";
  DROP INDEX "rsvps_payment_idx";
  DROP INDEX "registrationStatus_heldUntil_idx";
  ALTER TABLE "payments" DROP COLUMN "rsvp_id";
  ALTER TABLE "events_questions" DROP COLUMN "help";
  ALTER TABLE "events" DROP COLUMN "parent_id";
  ALTER TABLE "events" DROP COLUMN "edition";
  ALTER TABLE "events" DROP COLUMN "payment_method";
  ALTER TABLE "events" DROP COLUMN "payment_instructions";
  ALTER TABLE "events" DROP COLUMN "bank_account";
  ALTER TABLE "events" DROP COLUMN "hold_days";
  ALTER TABLE "events" DROP COLUMN "payment_grace_days";
  ALTER TABLE "events" DROP COLUMN "eligibility_min_age";
  ALTER TABLE "events" DROP COLUMN "eligibility_max_age";
  ALTER TABLE "events" DROP COLUMN "eligibility_certificate_type_id";
  ALTER TABLE "rsvps" DROP COLUMN "registration_status";
  ALTER TABLE "rsvps" DROP COLUMN "held_until";
  ALTER TABLE "rsvps" DROP COLUMN "amount_due";
  ALTER TABLE "rsvps" DROP COLUMN "currency";
  ALTER TABLE "rsvps" DROP COLUMN "payment_method";
  ALTER TABLE "rsvps" DROP COLUMN "payment_reference";
  ALTER TABLE "rsvps" DROP COLUMN "payment_id";
  ALTER TABLE "rsvps" DROP COLUMN "exempt_reason";
  ALTER TABLE "settings" DROP COLUMN "job_runs_release_reservations";
  DROP TYPE "public"."enum_events_eligibility_membership_statuses";
  DROP TYPE "public"."enum_events_payment_method";
  DROP TYPE "public"."enum_rsvps_registration_status";
  DROP TYPE "public"."enum_rsvps_currency";`)
}
