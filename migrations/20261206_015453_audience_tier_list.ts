import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "events" ADD COLUMN "audience_tier_list" varchar;
  ALTER TABLE "notices" ADD COLUMN "audience_tier_list" varchar;
  ALTER TABLE "documents" ADD COLUMN "audience_tier_list" varchar;`)
  // What the field's hook keeps from now on, for what was saved before it: the chosen tiers of a
  // "chosen tiers" audience between commas (src/access/audience.ts), so it stays visible to them.
  for (const table of ['events', 'notices', 'documents']) {
    await db.execute(
      sql.raw(`UPDATE "${table}" AS d SET "audience_tier_list" = (
        SELECT ',' || string_agg(r."tiers_id"::text, ',' ORDER BY r."tiers_id"::text) || ','
        FROM "${table}_rels" r WHERE r."parent_id" = d."id" AND r."path" = 'audienceTiers' AND r."tiers_id" IS NOT NULL
      ) WHERE d."audience" = 'tiers'`),
    )
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "events" DROP COLUMN "audience_tier_list";
  ALTER TABLE "notices" DROP COLUMN "audience_tier_list";
  ALTER TABLE "documents" DROP COLUMN "audience_tier_list";`)
}
