import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_memberships_history_from" AS ENUM('applied', 'approved', 'rejected', 'awaiting_payment', 'active', 'grace', 'lapsed', 'cancelled');
  CREATE TYPE "public"."enum_memberships_history_to" AS ENUM('applied', 'approved', 'rejected', 'awaiting_payment', 'active', 'grace', 'lapsed', 'cancelled');
  CREATE TYPE "public"."enum_memberships_history_cause" AS ENUM('member', 'admin', 'payment', 'job', 'system');
  CREATE TYPE "public"."enum_memberships_status" AS ENUM('applied', 'approved', 'rejected', 'awaiting_payment', 'active', 'grace', 'lapsed', 'cancelled');
  CREATE TABLE "memberships_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"from" "enum_memberships_history_from",
  	"to" "enum_memberships_history_to" NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"cause" "enum_memberships_history_cause" NOT NULL,
  	"actor_id" integer,
  	"reason" varchar,
  	"payment" varchar
  );
  
  CREATE TABLE "memberships" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"member_id" integer NOT NULL,
  	"tier_id" integer NOT NULL,
  	"status" "enum_memberships_status" NOT NULL,
  	"membership_number" varchar,
  	"period_start" timestamp(3) with time zone,
  	"period_end" timestamp(3) with time zone,
  	"open_key" varchar,
  	"internal_notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "memberships_id" integer;
  ALTER TABLE "settings" ADD COLUMN "last_membership_number" numeric DEFAULT 0;
  ALTER TABLE "memberships_history" ADD CONSTRAINT "memberships_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "memberships_history" ADD CONSTRAINT "memberships_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "memberships" ADD CONSTRAINT "memberships_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."tiers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "memberships_history_order_idx" ON "memberships_history" USING btree ("_order");
  CREATE INDEX "memberships_history_parent_id_idx" ON "memberships_history" USING btree ("_parent_id");
  CREATE INDEX "memberships_history_actor_idx" ON "memberships_history" USING btree ("actor_id");
  CREATE INDEX "memberships_member_idx" ON "memberships" USING btree ("member_id");
  CREATE INDEX "memberships_tier_idx" ON "memberships" USING btree ("tier_id");
  CREATE INDEX "memberships_status_idx" ON "memberships" USING btree ("status");
  CREATE UNIQUE INDEX "memberships_membership_number_idx" ON "memberships" USING btree ("membership_number");
  CREATE INDEX "memberships_period_end_idx" ON "memberships" USING btree ("period_end");
  CREATE UNIQUE INDEX "memberships_open_key_idx" ON "memberships" USING btree ("open_key");
  CREATE INDEX "memberships_updated_at_idx" ON "memberships" USING btree ("updated_at");
  CREATE INDEX "memberships_created_at_idx" ON "memberships" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_memberships_fk" FOREIGN KEY ("memberships_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_memberships_id_idx" ON "payload_locked_documents_rels" USING btree ("memberships_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "memberships_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "memberships" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "memberships_history" CASCADE;
  DROP TABLE "memberships" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_memberships_fk";
  
  DROP INDEX "payload_locked_documents_rels_memberships_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "memberships_id";
  ALTER TABLE "settings" DROP COLUMN "last_membership_number";
  DROP TYPE "public"."enum_memberships_history_from";
  DROP TYPE "public"."enum_memberships_history_to";
  DROP TYPE "public"."enum_memberships_history_cause";
  DROP TYPE "public"."enum_memberships_status";`)
}
