/**
 * Issue 13 point 8: seat holders show only on organisation memberships and household members only
 * on household ones (admin conditions). Payload makes the columns of conditional fields nullable;
 * an email is still required by the field's validation.
 */
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "memberships_seat_holders" ALTER COLUMN "email" DROP NOT NULL;
  ALTER TABLE "memberships_household_members" ALTER COLUMN "email" DROP NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "memberships_seat_holders" ALTER COLUMN "email" SET NOT NULL;
  ALTER TABLE "memberships_household_members" ALTER COLUMN "email" SET NOT NULL;`)
}
