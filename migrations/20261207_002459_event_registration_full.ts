import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-reservation-expiring' BEFORE 'event-proposal-approved';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-registration-open' BEFORE 'event-proposal-approved';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-proposal-received' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-guest-confirm' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-guest-registered' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-changed' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-registrants-message' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-reservation-expiring' BEFORE 'event-proposal-approved';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-registration-open' BEFORE 'event-proposal-approved';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-proposal-received' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-guest-confirm' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-guest-registered' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-changed' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-registrants-message' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'registrationNotices';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'registrationNotices';
  CREATE TABLE "registration_alerts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_id" integer NOT NULL,
  	"member_id" integer NOT NULL,
  	"sent_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "registrant_messages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_id" integer,
  	"sent_by_id" integer,
  	"subject" varchar NOT NULL,
  	"message" varchar NOT NULL,
  	"filter" jsonb,
  	"recipients" numeric DEFAULT 0,
  	"idempotency_key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "rsvps" ALTER COLUMN "member_id" DROP NOT NULL;
  ALTER TABLE "rsvps" ADD COLUMN "guest_name" varchar;
  ALTER TABLE "rsvps" ADD COLUMN "guest_email" varchar;
  ALTER TABLE "rsvps" ADD COLUMN "hold_reminder_sent_at" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "registration_alerts_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "registrant_messages_id" integer;
  ALTER TABLE "settings" ADD COLUMN "job_runs_registration_notices" timestamp(3) with time zone;
  ALTER TABLE "registration_alerts" ADD CONSTRAINT "registration_alerts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "registration_alerts" ADD CONSTRAINT "registration_alerts_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "registrant_messages" ADD CONSTRAINT "registrant_messages_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "registrant_messages" ADD CONSTRAINT "registrant_messages_sent_by_id_users_id_fk" FOREIGN KEY ("sent_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "registration_alerts_event_idx" ON "registration_alerts" USING btree ("event_id");
  CREATE INDEX "registration_alerts_member_idx" ON "registration_alerts" USING btree ("member_id");
  CREATE INDEX "registration_alerts_updated_at_idx" ON "registration_alerts" USING btree ("updated_at");
  CREATE INDEX "registration_alerts_created_at_idx" ON "registration_alerts" USING btree ("created_at");
  CREATE UNIQUE INDEX "event_member_1_idx" ON "registration_alerts" USING btree ("event_id","member_id");
  CREATE INDEX "sentAt_event_idx" ON "registration_alerts" USING btree ("sent_at","event_id");
  CREATE INDEX "registrant_messages_event_idx" ON "registrant_messages" USING btree ("event_id");
  CREATE INDEX "registrant_messages_sent_by_idx" ON "registrant_messages" USING btree ("sent_by_id");
  CREATE UNIQUE INDEX "registrant_messages_idempotency_key_idx" ON "registrant_messages" USING btree ("idempotency_key");
  CREATE INDEX "registrant_messages_updated_at_idx" ON "registrant_messages" USING btree ("updated_at");
  CREATE INDEX "registrant_messages_created_at_idx" ON "registrant_messages" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_registration_alerts_fk" FOREIGN KEY ("registration_alerts_id") REFERENCES "public"."registration_alerts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_registrant_messages_fk" FOREIGN KEY ("registrant_messages_id") REFERENCES "public"."registrant_messages"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "rsvps_guest_email_idx" ON "rsvps" USING btree ("guest_email");
  CREATE UNIQUE INDEX "event_guestEmail_idx" ON "rsvps" USING btree ("event_id","guest_email");
  CREATE INDEX "payload_locked_documents_rels_registration_alerts_id_idx" ON "payload_locked_documents_rels" USING btree ("registration_alerts_id");
  CREATE INDEX "payload_locked_documents_rels_registrant_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("registrant_messages_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "registration_alerts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "registrant_messages" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "registration_alerts" CASCADE;
  DROP TABLE "registrant_messages" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_registration_alerts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_registrant_messages_fk";
  
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-reservation-expired', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-reservation-expired', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'signInLink', 'privacy', 'memberImport', 'inquiryFollowUps', 'releaseReservations');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'signInLink', 'privacy', 'memberImport', 'inquiryFollowUps', 'releaseReservations');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "rsvps_guest_email_idx";
  DROP INDEX "event_guestEmail_idx";
  DROP INDEX "payload_locked_documents_rels_registration_alerts_id_idx";
  DROP INDEX "payload_locked_documents_rels_registrant_messages_id_idx";
  ALTER TABLE "rsvps" ALTER COLUMN "member_id" SET NOT NULL;
  ALTER TABLE "rsvps" DROP COLUMN "guest_name";
  ALTER TABLE "rsvps" DROP COLUMN "guest_email";
  ALTER TABLE "rsvps" DROP COLUMN "hold_reminder_sent_at";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "registration_alerts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "registrant_messages_id";
  ALTER TABLE "settings" DROP COLUMN "job_runs_registration_notices";`)
}
