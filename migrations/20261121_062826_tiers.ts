import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_tiers_currency" AS ENUM('GBP', 'EUR', 'USD');
  CREATE TYPE "public"."enum_tiers_period" AS ENUM('rolling', 'calendar');
  CREATE TYPE "public"."enum_tiers_renewal_month" AS ENUM('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12');
  CREATE TYPE "public"."enum_tiers_kind" AS ENUM('individual', 'household', 'organisation');
  CREATE TABLE "tiers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"fee" numeric NOT NULL,
  	"currency" "enum_tiers_currency" DEFAULT 'GBP' NOT NULL,
  	"period" "enum_tiers_period" DEFAULT 'rolling' NOT NULL,
  	"renewal_day" numeric,
  	"renewal_month" "enum_tiers_renewal_month",
  	"kind" "enum_tiers_kind" DEFAULT 'individual' NOT NULL,
  	"seats" numeric,
  	"grace_days" numeric DEFAULT 30 NOT NULL,
  	"benefits" jsonb,
  	"requires_approval" boolean DEFAULT false,
  	"public" boolean DEFAULT true,
  	"active" boolean DEFAULT true,
  	"sort_order" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "tiers_id" integer;
  CREATE UNIQUE INDEX "tiers_name_idx" ON "tiers" USING btree ("name");
  CREATE INDEX "tiers_updated_at_idx" ON "tiers" USING btree ("updated_at");
  CREATE INDEX "tiers_created_at_idx" ON "tiers" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_tiers_fk" FOREIGN KEY ("tiers_id") REFERENCES "public"."tiers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_tiers_id_idx" ON "payload_locked_documents_rels" USING btree ("tiers_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tiers" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "tiers" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_tiers_fk";
  
  DROP INDEX "payload_locked_documents_rels_tiers_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "tiers_id";
  DROP TYPE "public"."enum_tiers_currency";
  DROP TYPE "public"."enum_tiers_period";
  DROP TYPE "public"."enum_tiers_renewal_month";
  DROP TYPE "public"."enum_tiers_kind";`)
}
