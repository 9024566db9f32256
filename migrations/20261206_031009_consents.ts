import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_consents_kind" AS ENUM('privacy_policy', 'marketing', 'directory');
  CREATE TYPE "public"."enum_consents_source" AS ENUM('sign-up', 'portal', 'admin');
  CREATE TABLE "consents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"person_id" integer NOT NULL,
  	"kind" "enum_consents_kind" NOT NULL,
  	"granted" boolean DEFAULT true,
  	"policy_version" varchar,
  	"note" varchar,
  	"given_at" timestamp(3) with time zone NOT NULL,
  	"source" "enum_consents_source" DEFAULT 'admin' NOT NULL,
  	"recorded_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "consents_id" integer;
  ALTER TABLE "settings" ADD COLUMN "privacy_policy_version" varchar DEFAULT '1' NOT NULL;
  ALTER TABLE "settings" ADD COLUMN "privacy_policy_url" varchar;
  ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "consents_person_idx" ON "consents" USING btree ("person_id");
  CREATE INDEX "consents_given_at_idx" ON "consents" USING btree ("given_at");
  CREATE INDEX "consents_recorded_by_idx" ON "consents" USING btree ("recorded_by_id");
  CREATE INDEX "consents_updated_at_idx" ON "consents" USING btree ("updated_at");
  CREATE INDEX "consents_created_at_idx" ON "consents" USING btree ("created_at");
  CREATE INDEX "person_kind_givenAt_idx" ON "consents" USING btree ("person_id","kind","given_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_consents_fk" FOREIGN KEY ("consents_id") REFERENCES "public"."consents"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_consents_id_idx" ON "payload_locked_documents_rels" USING btree ("consents_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consents" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "consents" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_consents_fk";
  
  DROP INDEX "payload_locked_documents_rels_consents_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "consents_id";
  ALTER TABLE "settings" DROP COLUMN "privacy_policy_version";
  ALTER TABLE "settings" DROP COLUMN "privacy_policy_url";
  DROP TYPE "public"."enum_consents_kind";
  DROP TYPE "public"."enum_consents_source";`)
}
