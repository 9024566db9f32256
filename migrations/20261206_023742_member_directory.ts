import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_settings_directory_locked_fields" AS ENUM('name', 'organisation', 'email', 'phone', 'photo');
  CREATE TABLE "settings_directory_locked_fields" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_settings_directory_locked_fields",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  ALTER TABLE "users" ADD COLUMN "directory_show_name" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "directory_show_organisation" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "directory_show_email" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "directory_show_phone" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "directory_show_photo" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "directory_hidden" boolean DEFAULT false;
  ALTER TABLE "settings_directory_locked_fields" ADD CONSTRAINT "settings_directory_locked_fields_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "settings_directory_locked_fields_order_idx" ON "settings_directory_locked_fields" USING btree ("order");
  CREATE INDEX "settings_directory_locked_fields_parent_idx" ON "settings_directory_locked_fields" USING btree ("parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "settings_directory_locked_fields" CASCADE;
  ALTER TABLE "users" DROP COLUMN "directory_show_name";
  ALTER TABLE "users" DROP COLUMN "directory_show_organisation";
  ALTER TABLE "users" DROP COLUMN "directory_show_email";
  ALTER TABLE "users" DROP COLUMN "directory_show_phone";
  ALTER TABLE "users" DROP COLUMN "directory_show_photo";
  ALTER TABLE "users" DROP COLUMN "directory_hidden";
  DROP TYPE "public"."enum_settings_directory_locked_fields";`)
}
