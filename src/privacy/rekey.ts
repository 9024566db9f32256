/**
 * `npm run data:rekey` (scripts/rekey.ts): seals every encrypted field's value under the current
 * DATA_ENCRYPTION_KEY, for a key rotation (values sealed under a key now in
 * DATA_ENCRYPTION_PREVIOUS_KEYS) and for values stored in plain text before encryption existed.
 *
 * Works below Payload (no hooks, audit entries or emails: nothing about a person changes), in
 * batches by id with only the rows that need it read, so memory stays flat at any size; each batch
 * is one transaction. Each column is written only if it still holds what was read (a member who
 * edits their phone meanwhile keeps their edit), so it is safe while the site runs, and running it
 * again finds nothing to do.
 */
import type { Payload } from 'payload'

import { asc, gt, sql, tableOf, transactionDb } from '@/lib/db'
import { lockRow } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'
import { customValueContext } from '@/members/customFields'

import { encryptedPathsOf, FieldDecryptionError, isSealed, keyring, needsResealing, openValue, reportUnreadable, sealValue } from './fieldEncryption'

export type RekeyCounts = {
  /** rows read because at least one of their encrypted columns needed work */
  rows: number
  /** values sealed under the current key (from a previous key or from plain text) */
  resealed: number
  /** of those, values that were plain text */
  fromPlainText: number
  /** values that could not be opened (a key not configured, or altered): left as they are */
  unreadable: number
}
export type RekeyReport = { keyId: string; collections: Record<string, RekeyCounts> }

export const REKEY_BATCH_SIZE = 500

/** The drizzle column key of a field path: `address.line1` is `address_line1`. */
const columnOf = (path: string) => path.replace(/\./g, '_')

export async function rekeyPersonalData(payload: Payload, options: { batchSize?: number; log?: (line: string) => void } = {}): Promise<RekeyReport> {
  const ring = keyring()
  const batchSize = options.batchSize ?? REKEY_BATCH_SIZE
  const currentPrefix = `enc:v1:${ring.current.id}:`
  const report: RekeyReport = { keyId: ring.current.id, collections: {} }

  for (const collection of payload.config.collections) {
    const paths = encryptedPathsOf(collection.fields)
    if (paths.length === 0) continue
    const table = tableOf(payload, collection.slug)
    const columns = paths.map((path) => ({ path, key: columnOf(path), column: table[columnOf(path)] }))
    for (const { path, column } of columns) if (!column) throw new Error(`${collection.slug}.${path} has no column ${columnOf(path)}.`)
    const counts: RekeyCounts = { rows: 0, resealed: 0, fromPlainText: 0, unreadable: 0 }
    report.collections[collection.slug] = counts
    // only rows with a value not yet under the current key
    const needsWork = sql.join(
      columns.map(({ column }) => sql`(${column} IS NOT NULL AND ${column} <> '' AND substr(${column}, 1, ${currentPrefix.length}) <> ${currentPrefix})`),
      sql` OR `,
    )

    for (let afterId = 0; ; ) {
      const req = await systemRequest(payload)
      const done = await inTransaction(req, async () => {
        const db = await transactionDb(req)
        const rows = (await db
          .select({ id: table.id, ...Object.fromEntries(columns.map(({ key, column }) => [key, column])) })
          .from(table)
          .where(sql`${gt(table.id, afterId)} AND (${needsWork})`)
          .orderBy(asc(table.id))
          .limit(batchSize)) as Array<Record<string, unknown> & { id: number }>
        if (rows.length === 0) return true
        afterId = rows.at(-1)!.id
        counts.rows += rows.length
        for (const row of rows) {
          const set: Record<string, unknown> = {}
          for (const { path, key, column } of columns) {
            const stored = row[key]
            if (!needsResealing(stored, ring)) continue
            const context = { collection: collection.slug, path }
            let plain: string
            try {
              plain = openValue(stored as string, context, ring) as string
            } catch (error) {
              if (!(error instanceof FieldDecryptionError)) throw error
              reportUnreadable(error, payload.logger)
              counts.unreadable += 1
              continue
            }
            // written only if the column still holds what was read
            // (a value someone changed meanwhile is theirs: already sealed under the current key)
            set[key] = sql`CASE WHEN ${column} = ${stored} THEN ${sealValue(plain, context, ring)} ELSE ${column} END`
            counts.resealed += 1
            if (!isSealed(stored)) counts.fromPlainText += 1
          }
          if (Object.keys(set).length === 0) continue
          await db.update(table).set(set).where(sql`${table.id} = ${row.id}`)
        }
        return false
      })
      if (done) break
      options.log?.(`${collection.slug}: ${counts.resealed} value(s) sealed under key ${ring.current.id} so far (up to id ${afterId})`)
    }
  }
  report.collections['users.customFields'] = await rekeyCustomValues(payload, ring, batchSize, options.log)
  return report
}

/**
 * Custom member fields marked sensitive keep their sealed values inside the person's JSON column
 * (src/members/customFields.ts): rows holding any sealed value are read in batches by id, and
 * those with a value under an older key are locked, read again and written back resealed (so an
 * edit made meanwhile is kept). Values of fields that are not sensitive are never sealed, and a
 * field's sensitivity cannot change while anyone has a value for it, so there is no plain text here.
 */
async function rekeyCustomValues(payload: Payload, ring: ReturnType<typeof keyring>, batchSize: number, log?: (line: string) => void): Promise<RekeyCounts> {
  const table = tableOf(payload, 'users')
  const column = table.customFields
  const counts: RekeyCounts = { rows: 0, resealed: 0, fromPlainText: 0, unreadable: 0 }
  if (!column) return counts
  const parse = (raw: unknown): Record<string, unknown> | null => {
    const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  }
  for (let afterId = 0; ; ) {
    const req = await systemRequest(payload)
    const done = await inTransaction(req, async () => {
      const db = await transactionDb(req)
      const rows = (await db
        .select({ id: table.id, values: column })
        .from(table)
        .where(sql`${gt(table.id, afterId)} AND CAST(${column} AS TEXT) LIKE ${'%enc:v1:%'}`)
        .orderBy(asc(table.id))
        .limit(batchSize)) as Array<{ id: number; values: unknown }>
      if (rows.length === 0) return true
      afterId = rows.at(-1)!.id
      for (const row of rows) {
        const values = parse(row.values)
        if (!values || !Object.values(values).some((value) => isSealed(value) && needsResealing(value, ring))) continue
        counts.rows += 1
        await lockRow(req, 'users', row.id)
        const [current] = (await db.select({ values: column }).from(table).where(sql`${table.id} = ${row.id}`)) as Array<{ values: unknown }>
        const fresh = parse(current?.values)
        if (!fresh) continue
        let changed = false
        for (const [key, stored] of Object.entries(fresh)) {
          if (!isSealed(stored) || !needsResealing(stored, ring)) continue
          const context = customValueContext(key)
          try {
            fresh[key] = sealValue(openValue(stored, context, ring) as string, context, ring)
          } catch (error) {
            if (!(error instanceof FieldDecryptionError)) throw error
            reportUnreadable(error, payload.logger)
            counts.unreadable += 1
            continue
          }
          counts.resealed += 1
          changed = true
        }
        if (changed) await db.update(table).set({ customFields: fresh }).where(sql`${table.id} = ${row.id}`)
      }
      return false
    })
    if (done) break
    log?.(`users.customFields: ${counts.resealed} value(s) sealed under key ${ring.current.id} so far (up to id ${afterId})`)
  }
  return counts
}
