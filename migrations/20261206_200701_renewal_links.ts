import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_sign_in_events_method" ADD VALUE 'renewal-link';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "sign_in_events" ALTER COLUMN "method" SET DATA TYPE text;
  DROP TYPE "public"."enum_sign_in_events_method";
  CREATE TYPE "public"."enum_sign_in_events_method" AS ENUM('password', 'link', 'code');
  ALTER TABLE "sign_in_events" ALTER COLUMN "method" SET DATA TYPE "public"."enum_sign_in_events_method" USING "method"::"public"."enum_sign_in_events_method";`)
}
