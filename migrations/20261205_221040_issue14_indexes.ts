import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "memberships_seat_holders_email_idx" ON "memberships_seat_holders" USING btree ("email");
  CREATE INDEX "memberships_household_members_email_idx" ON "memberships_household_members" USING btree ("email");
  CREATE INDEX "status_periodEnd_createdAt_idx" ON "memberships" USING btree ("status","period_end","created_at");
  CREATE INDEX "memberships_status_period_end_newest_idx" ON "memberships" USING btree ("status","period_end","created_at" DESC NULLS FIRST);
  CREATE INDEX "status_createdAt_idx" ON "payments" USING btree ("status","created_at");
  CREATE INDEX "status_paidAt_createdAt_idx" ON "payments" USING btree ("status","paid_at","created_at");
  CREATE INDEX "event_status_idx" ON "rsvps" USING btree ("event_id","status");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "memberships_seat_holders_email_idx";
  DROP INDEX "memberships_household_members_email_idx";
  DROP INDEX "status_periodEnd_createdAt_idx";
  DROP INDEX "memberships_status_period_end_newest_idx";
  DROP INDEX "status_createdAt_idx";
  DROP INDEX "status_paidAt_createdAt_idx";
  DROP INDEX "event_status_idx";`)
}
