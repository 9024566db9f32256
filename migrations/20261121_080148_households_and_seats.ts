import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "memberships_seat_holders" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"email" varchar NOT NULL,
  	"added_at" timestamp(3) with time zone,
  	"added_by_id" integer
  );
  
  CREATE TABLE "memberships_household_members" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"email" varchar NOT NULL,
  	"added_at" timestamp(3) with time zone,
  	"added_by_id" integer
  );
  
  CREATE TABLE "payments_refunds" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"amount" numeric NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"reason" varchar,
  	"by_id" integer,
  	"provider_refund_id" varchar
  );
  
  ALTER TABLE "memberships" ADD COLUMN "organisation_name" varchar;
  ALTER TABLE "memberships" ADD COLUMN "household_id" integer;
  ALTER TABLE "payments" ADD COLUMN "list_amount" numeric;
  ALTER TABLE "payments" ADD COLUMN "discount_amount" numeric;
  ALTER TABLE "payments" ADD COLUMN "discount_reason" varchar;
  ALTER TABLE "settings" ADD COLUMN "household_discount_percent" numeric DEFAULT 0;
  ALTER TABLE "memberships_seat_holders" ADD CONSTRAINT "memberships_seat_holders_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "memberships_seat_holders" ADD CONSTRAINT "memberships_seat_holders_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "memberships_household_members" ADD CONSTRAINT "memberships_household_members_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "memberships_household_members" ADD CONSTRAINT "memberships_household_members_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payments_refunds" ADD CONSTRAINT "payments_refunds_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments_refunds" ADD CONSTRAINT "payments_refunds_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "memberships_seat_holders_order_idx" ON "memberships_seat_holders" USING btree ("_order");
  CREATE INDEX "memberships_seat_holders_parent_id_idx" ON "memberships_seat_holders" USING btree ("_parent_id");
  CREATE INDEX "memberships_seat_holders_added_by_idx" ON "memberships_seat_holders" USING btree ("added_by_id");
  CREATE INDEX "memberships_household_members_order_idx" ON "memberships_household_members" USING btree ("_order");
  CREATE INDEX "memberships_household_members_parent_id_idx" ON "memberships_household_members" USING btree ("_parent_id");
  CREATE INDEX "memberships_household_members_added_by_idx" ON "memberships_household_members" USING btree ("added_by_id");
  CREATE INDEX "payments_refunds_order_idx" ON "payments_refunds" USING btree ("_order");
  CREATE INDEX "payments_refunds_parent_id_idx" ON "payments_refunds" USING btree ("_parent_id");
  CREATE INDEX "payments_refunds_by_idx" ON "payments_refunds" USING btree ("by_id");
  ALTER TABLE "memberships" ADD CONSTRAINT "memberships_household_id_memberships_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "memberships_household_idx" ON "memberships" USING btree ("household_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "memberships_seat_holders" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "memberships_household_members" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payments_refunds" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "memberships_seat_holders" CASCADE;
  DROP TABLE "memberships_household_members" CASCADE;
  DROP TABLE "payments_refunds" CASCADE;
  ALTER TABLE "memberships" DROP CONSTRAINT "memberships_household_id_memberships_id_fk";
  
  DROP INDEX "memberships_household_idx";
  ALTER TABLE "memberships" DROP COLUMN "organisation_name";
  ALTER TABLE "memberships" DROP COLUMN "household_id";
  ALTER TABLE "payments" DROP COLUMN "list_amount";
  ALTER TABLE "payments" DROP COLUMN "discount_amount";
  ALTER TABLE "payments" DROP COLUMN "discount_reason";
  ALTER TABLE "settings" DROP COLUMN "household_discount_percent";`)
}
