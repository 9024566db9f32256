import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'event-registrants-message' BEFORE 'registration-attempt';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'event-registrants-message' BEFORE 'registration-attempt';
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
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "registrant_messages_id" integer;
  ALTER TABLE "registrant_messages" ADD CONSTRAINT "registrant_messages_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "registrant_messages" ADD CONSTRAINT "registrant_messages_sent_by_id_users_id_fk" FOREIGN KEY ("sent_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "registrant_messages_event_idx" ON "registrant_messages" USING btree ("event_id");
  CREATE INDEX "registrant_messages_sent_by_idx" ON "registrant_messages" USING btree ("sent_by_id");
  CREATE UNIQUE INDEX "registrant_messages_idempotency_key_idx" ON "registrant_messages" USING btree ("idempotency_key");
  CREATE INDEX "registrant_messages_updated_at_idx" ON "registrant_messages" USING btree ("updated_at");
  CREATE INDEX "registrant_messages_created_at_idx" ON "registrant_messages" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_registrant_messages_fk" FOREIGN KEY ("registrant_messages_id") REFERENCES "public"."registrant_messages"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_registrant_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("registrant_messages_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "registrant_messages" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "registrant_messages" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_registrant_messages_fk";
  
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-reservation-expired', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-reservation-expired', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation', 'inquiry-received', 'inquiry-assigned', 'inquiry-reply', 'inquiry-follow-up');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  DROP INDEX "payload_locked_documents_rels_registrant_messages_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "registrant_messages_id";`)
}
