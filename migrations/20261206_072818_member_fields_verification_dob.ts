import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_member_fields_type" AS ENUM('text', 'textarea', 'number', 'date', 'choice', 'checkbox');
  CREATE TYPE "public"."enum_member_fields_visible_to" AS ENUM('members', 'staff');
  CREATE TYPE "public"."enum_member_fields_editable_by" AS ENUM('members', 'staff');
  ALTER TYPE "public"."enum_email_templates_key" ADD VALUE 'verify-email';
  ALTER TYPE "public"."enum_notifications_template" ADD VALUE 'verify-email';
  CREATE TABLE "users_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "member_fields_options" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"value" varchar
  );
  
  CREATE TABLE "member_fields" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"key" varchar,
  	"type" "enum_member_fields_type" DEFAULT 'text' NOT NULL,
  	"order" numeric DEFAULT 0,
  	"help_text" varchar,
  	"visible_to" "enum_member_fields_visible_to" DEFAULT 'members' NOT NULL,
  	"editable_by" "enum_member_fields_editable_by" DEFAULT 'members',
  	"required" boolean DEFAULT false,
  	"directory_eligible" boolean DEFAULT false,
  	"sensitive" boolean DEFAULT false,
  	"archived" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "settings_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"member_fields_id" integer
  );
  
  ALTER TABLE "users" ADD COLUMN "date_of_birth" varchar;
  ALTER TABLE "users" ADD COLUMN "custom_fields" jsonb;
  ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "email_verification_token_hash" varchar;
  ALTER TABLE "users" ADD COLUMN "email_verification_expires_at" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "member_fields_id" integer;
  ALTER TABLE "users_texts" ADD CONSTRAINT "users_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "member_fields_options" ADD CONSTRAINT "member_fields_options_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."member_fields"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "settings_rels" ADD CONSTRAINT "settings_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "settings_rels" ADD CONSTRAINT "settings_rels_member_fields_fk" FOREIGN KEY ("member_fields_id") REFERENCES "public"."member_fields"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_texts_order_parent" ON "users_texts" USING btree ("order","parent_id");
  CREATE INDEX "member_fields_options_order_idx" ON "member_fields_options" USING btree ("_order");
  CREATE INDEX "member_fields_options_parent_id_idx" ON "member_fields_options" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "member_fields_key_idx" ON "member_fields" USING btree ("key");
  CREATE INDEX "member_fields_archived_idx" ON "member_fields" USING btree ("archived");
  CREATE INDEX "member_fields_updated_at_idx" ON "member_fields" USING btree ("updated_at");
  CREATE INDEX "member_fields_created_at_idx" ON "member_fields" USING btree ("created_at");
  CREATE INDEX "settings_rels_order_idx" ON "settings_rels" USING btree ("order");
  CREATE INDEX "settings_rels_parent_idx" ON "settings_rels" USING btree ("parent_id");
  CREATE INDEX "settings_rels_path_idx" ON "settings_rels" USING btree ("path");
  CREATE INDEX "settings_rels_member_fields_id_idx" ON "settings_rels" USING btree ("member_fields_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_member_fields_fk" FOREIGN KEY ("member_fields_id") REFERENCES "public"."member_fields"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_email_verified_at_idx" ON "users" USING btree ("email_verified_at");
  -- every account that existed before email verification counts as verified (only new self-registered accounts wait for the link)
  UPDATE "users" SET "email_verified_at" = COALESCE("created_at", now()) WHERE "email_verified_at" IS NULL;
  CREATE INDEX "users_email_verification_token_hash_idx" ON "users" USING btree ("email_verification_token_hash");
  CREATE INDEX "payload_locked_documents_rels_member_fields_id_idx" ON "payload_locked_documents_rels" USING btree ("member_fields_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "member_fields_options" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "member_fields" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "settings_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "users_texts" CASCADE;
  DROP TABLE "member_fields_options" CASCADE;
  DROP TABLE "member_fields" CASCADE;
  DROP TABLE "settings_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_member_fields_fk";
  
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE text;
  DROP TYPE "public"."enum_email_templates_key";
  CREATE TYPE "public"."enum_email_templates_key" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed');
  ALTER TABLE "email_templates" ALTER COLUMN "key" SET DATA TYPE "public"."enum_email_templates_key" USING "key"::"public"."enum_email_templates_key";
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE text;
  DROP TYPE "public"."enum_notifications_template";
  CREATE TYPE "public"."enum_notifications_template" AS ENUM('welcome', 'application-received', 'application-approved', 'application-rejected', 'payment-receipt', 'renewal-reminder', 'membership-lapsed', 'meeting-notice', 'rsvp-confirmation', 'waitlist-promotion', 'certificate-expiring', 'admin-new-application', 'admin-new-payment', 'admin-payment-cancelled', 'admin-failed-job', 'sign-in-link', 'seat-added', 'household-added', 'notice', 'event-cancelled', 'event-proposal-approved', 'event-proposal-rejected', 'registration-attempt', 'password-reset', 'email-change-confirm', 'email-changed');
  ALTER TABLE "notifications" ALTER COLUMN "template" SET DATA TYPE "public"."enum_notifications_template" USING "template"::"public"."enum_notifications_template";
  DROP INDEX "users_email_verified_at_idx";
  DROP INDEX "users_email_verification_token_hash_idx";
  DROP INDEX "payload_locked_documents_rels_member_fields_id_idx";
  ALTER TABLE "users" DROP COLUMN "date_of_birth";
  ALTER TABLE "users" DROP COLUMN "custom_fields";
  ALTER TABLE "users" DROP COLUMN "email_verified_at";
  ALTER TABLE "users" DROP COLUMN "email_verification_token_hash";
  ALTER TABLE "users" DROP COLUMN "email_verification_expires_at";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "member_fields_id";
  DROP TYPE "public"."enum_member_fields_type";
  DROP TYPE "public"."enum_member_fields_visible_to";
  DROP TYPE "public"."enum_member_fields_editable_by";`)
}
