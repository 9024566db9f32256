import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_inquiries_messages_direction" AS ENUM('in', 'out');
  CREATE TYPE "public"."enum_inquiries_history_from" AS ENUM('new', 'assigned', 'awaiting_reply', 'responded', 'converted', 'closed_no_response', 'spam');
  CREATE TYPE "public"."enum_inquiries_history_to" AS ENUM('new', 'assigned', 'awaiting_reply', 'responded', 'converted', 'closed_no_response', 'spam');
  CREATE TYPE "public"."enum_inquiries_history_cause" AS ENUM('staff', 'assign', 'reply', 'visitor', 'convert');
  CREATE TYPE "public"."enum_inquiries_type" AS ENUM('joining', 'events', 'volunteering', 'other');
  CREATE TYPE "public"."enum_inquiries_status" AS ENUM('new', 'assigned', 'awaiting_reply', 'responded', 'converted', 'closed_no_response', 'spam');
  CREATE TYPE "public"."enum_inquiry_templates_inquiry_type" AS ENUM('joining', 'events', 'volunteering', 'other');
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'inquiry-received';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'inquiry-assigned';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'inquiry-reply';
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'inquiry-follow-up';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'inquiry-received';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'inquiry-assigned';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'inquiry-reply';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'inquiry-follow-up';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'inquiryFollowUps';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'inquiryFollowUps';
  CREATE TABLE "inquiries_messages" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"direction" "enum_inquiries_messages_direction" NOT NULL,
  	"subject" varchar,
  	"body" varchar NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"by_id" integer,
  	"template_id" integer,
  	"notification" numeric
  );
  
  CREATE TABLE "inquiries_assignments" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"from_id" integer,
  	"to_id" integer NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"by_id" integer,
  	"note" varchar
  );
  
  CREATE TABLE "inquiries_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"from" "enum_inquiries_history_from",
  	"to" "enum_inquiries_history_to" NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"by_id" integer,
  	"cause" "enum_inquiries_history_cause" NOT NULL,
  	"reason" varchar
  );
  
  CREATE TABLE "inquiries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"email" varchar NOT NULL,
  	"type" "enum_inquiries_type" DEFAULT 'other' NOT NULL,
  	"language" varchar,
  	"subject" varchar NOT NULL,
  	"message" varchar NOT NULL,
  	"status" "enum_inquiries_status",
  	"assignee_id" integer,
  	"follow_up_due" timestamp(3) with time zone,
  	"follow_up_reminder_sent_at" timestamp(3) with time zone,
  	"converted_member_id" integer,
  	"application_id" integer,
  	"internal_notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "inquiry_templates" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"inquiry_type" "enum_inquiry_templates_inquiry_type",
  	"language" varchar,
  	"subject" varchar NOT NULL,
  	"body" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "notifications_rels" ADD COLUMN "inquiries_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "inquiries_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "inquiry_templates_id" integer;
  ALTER TABLE "settings" ADD COLUMN "inquiry_follow_up_days" numeric DEFAULT 5;
  ALTER TABLE "settings" ADD COLUMN "job_runs_inquiry_follow_ups" timestamp(3) with time zone;
  ALTER TABLE "inquiries_messages" ADD CONSTRAINT "inquiries_messages_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries_messages" ADD CONSTRAINT "inquiries_messages_template_id_inquiry_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."inquiry_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries_messages" ADD CONSTRAINT "inquiries_messages_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "inquiries_assignments" ADD CONSTRAINT "inquiries_assignments_from_id_users_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries_assignments" ADD CONSTRAINT "inquiries_assignments_to_id_users_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries_assignments" ADD CONSTRAINT "inquiries_assignments_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries_assignments" ADD CONSTRAINT "inquiries_assignments_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "inquiries_history" ADD CONSTRAINT "inquiries_history_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries_history" ADD CONSTRAINT "inquiries_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_converted_member_id_users_id_fk" FOREIGN KEY ("converted_member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_application_id_memberships_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "inquiries_messages_order_idx" ON "inquiries_messages" USING btree ("_order");
  CREATE INDEX "inquiries_messages_parent_id_idx" ON "inquiries_messages" USING btree ("_parent_id");
  CREATE INDEX "inquiries_messages_by_idx" ON "inquiries_messages" USING btree ("by_id");
  CREATE INDEX "inquiries_messages_template_idx" ON "inquiries_messages" USING btree ("template_id");
  CREATE INDEX "inquiries_assignments_order_idx" ON "inquiries_assignments" USING btree ("_order");
  CREATE INDEX "inquiries_assignments_parent_id_idx" ON "inquiries_assignments" USING btree ("_parent_id");
  CREATE INDEX "inquiries_assignments_from_idx" ON "inquiries_assignments" USING btree ("from_id");
  CREATE INDEX "inquiries_assignments_to_idx" ON "inquiries_assignments" USING btree ("to_id");
  CREATE INDEX "inquiries_assignments_by_idx" ON "inquiries_assignments" USING btree ("by_id");
  CREATE INDEX "inquiries_history_order_idx" ON "inquiries_history" USING btree ("_order");
  CREATE INDEX "inquiries_history_parent_id_idx" ON "inquiries_history" USING btree ("_parent_id");
  CREATE INDEX "inquiries_history_by_idx" ON "inquiries_history" USING btree ("by_id");
  CREATE INDEX "inquiries_email_idx" ON "inquiries" USING btree ("email");
  CREATE INDEX "inquiries_status_idx" ON "inquiries" USING btree ("status");
  CREATE INDEX "inquiries_assignee_idx" ON "inquiries" USING btree ("assignee_id");
  CREATE INDEX "inquiries_follow_up_due_idx" ON "inquiries" USING btree ("follow_up_due");
  CREATE INDEX "inquiries_converted_member_idx" ON "inquiries" USING btree ("converted_member_id");
  CREATE INDEX "inquiries_application_idx" ON "inquiries" USING btree ("application_id");
  CREATE INDEX "inquiries_updated_at_idx" ON "inquiries" USING btree ("updated_at");
  CREATE INDEX "inquiries_created_at_idx" ON "inquiries" USING btree ("created_at");
  CREATE INDEX "assignee_status_idx" ON "inquiries" USING btree ("assignee_id","status");
  CREATE INDEX "email_subject_createdAt_idx" ON "inquiries" USING btree ("email","subject","created_at");
  CREATE INDEX "inquiry_templates_updated_at_idx" ON "inquiry_templates" USING btree ("updated_at");
  CREATE INDEX "inquiry_templates_created_at_idx" ON "inquiry_templates" USING btree ("created_at");
  ALTER TABLE "notifications_rels" ADD CONSTRAINT "notifications_rels_inquiries_fk" FOREIGN KEY ("inquiries_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_inquiries_fk" FOREIGN KEY ("inquiries_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_inquiry_templates_fk" FOREIGN KEY ("inquiry_templates_id") REFERENCES "public"."inquiry_templates"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "notifications_rels_inquiries_id_idx" ON "notifications_rels" USING btree ("inquiries_id");
  CREATE INDEX "payload_locked_documents_rels_inquiries_id_idx" ON "payload_locked_documents_rels" USING btree ("inquiries_id");
  CREATE INDEX "payload_locked_documents_rels_inquiry_templates_id_idx" ON "payload_locked_documents_rels" USING btree ("inquiry_templates_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "inquiries_messages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "inquiries_assignments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "inquiries_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "inquiries" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "inquiry_templates" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "inquiries_messages" CASCADE;
  DROP TABLE "inquiries_assignments" CASCADE;
  DROP TABLE "inquiries_history" CASCADE;
  DROP TABLE "inquiries" CASCADE;
  DROP TABLE "inquiry_templates" CASCADE;
  ALTER TABLE "notifications_rels" DROP CONSTRAINT "notifications_rels_inquiries_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_inquiries_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_inquiry_templates_fk";
  
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed', 'verify-email', 'invitation');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'signInLink', 'privacy', 'memberImport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendEmail', 'emailNotice', 'renewalReminders', 'membershipExpiry', 'processPaymentEvent', 'certificateReminders', 'passwordReset', 'signInLink', 'privacy', 'memberImport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "notifications_rels_inquiries_id_idx";
  DROP INDEX "payload_locked_documents_rels_inquiries_id_idx";
  DROP INDEX "payload_locked_documents_rels_inquiry_templates_id_idx";
  ALTER TABLE "notifications_rels" DROP COLUMN "inquiries_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "inquiries_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "inquiry_templates_id";
  ALTER TABLE "settings" DROP COLUMN "inquiry_follow_up_days";
  ALTER TABLE "settings" DROP COLUMN "job_runs_inquiry_follow_ups";
  DROP TYPE "public"."enum_inquiries_messages_direction";
  DROP TYPE "public"."enum_inquiries_history_from";
  DROP TYPE "public"."enum_inquiries_history_to";
  DROP TYPE "public"."enum_inquiries_history_cause";
  DROP TYPE "public"."enum_inquiries_type";
  DROP TYPE "public"."enum_inquiries_status";
  DROP TYPE "public"."enum_inquiry_templates_inquiry_type";`)
}
