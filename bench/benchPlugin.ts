/**
 * What `npm run bench:scale` (bench/scale.ts) needs inside the server and the bench process, and
 * nothing else ever: payload.config.ts enables it only when HANGAR_BENCH=1, so the product, its
 * migrations, payload-types.ts and the import map never see it.
 *
 * - A "bare Payload" baseline: `bench-bare-memberships`, the memberships collection's fields and
 *   indexes without access functions, hooks, validation or admin components (Payload's default
 *   access: any signed-in user). The bench creates its tables and fills them with the same rows.
 * - A count of the SQL statements the database adapter sends (every statement Drizzle runs,
 *   BEGIN and COMMIT included), read through `GET /api/bench/sql`: the running total and the text
 *   of the latest statements, so the bench can count and name what one page runs.
 */
import type { CollectionConfig, Config, Endpoint, Field, Plugin } from 'payload'

import { Memberships } from '../collections/memberships'

export const BARE_MEMBERSHIPS = 'bench-bare-memberships'

/** How many statement texts the tally keeps (the latest ones). */
const RECENT = 5000

type Tally = { statements: number; recent: string[] }

/** One tally per process, whichever bundle chunk asks (hence the global symbol). */
export function sqlTally(): Tally {
  const key = Symbol.for('hangar.bench.sqlTally')
  const store = globalThis as unknown as Record<symbol, Tally | undefined>
  store[key] ??= { statements: 0, recent: [] }
  return store[key]
}

/** Drizzle's logger interface: called once for every statement sent. */
const countingLogger = {
  logQuery(query: string) {
    const tally = sqlTally()
    tally.statements += 1
    tally.recent.push(query.length > 400 ? `${query.slice(0, 400)}…` : query)
    if (tally.recent.length > RECENT) tally.recent.splice(0, tally.recent.length - RECENT)
  },
}

const sqlEndpoint: Endpoint = {
  path: '/bench/sql',
  method: 'get',
  // No sign-in on purpose: reading the tally must not add statements of its own.
  handler: async () => {
    const { statements, recent } = sqlTally()
    return Response.json({ statements, recent }, { headers: { 'Cache-Control': 'no-store' } })
  },
}

/** A field as Payload alone would treat it: no access, hooks, validation, filters or admin UI. */
function bareField(field: Field): Field | null {
  if (field.type === 'ui') return null
  const copy = { ...field } as Record<string, unknown>
  for (const key of ['access', 'hooks', 'validate', 'filterOptions', 'admin', 'custom']) delete copy[key]
  if (copy.relationTo === 'memberships') copy.relationTo = BARE_MEMBERSHIPS
  if (Array.isArray(copy.fields)) copy.fields = (copy.fields as Field[]).map(bareField).filter((f): f is Field => f !== null)
  return copy as Field
}

export const bareMemberships: CollectionConfig = {
  slug: BARE_MEMBERSHIPS,
  admin: { hidden: true },
  indexes: Memberships.indexes,
  fields: Memberships.fields.map(bareField).filter((f): f is Field => f !== null),
}

/**
 * Comes last among the plugins, so the guards the other plugins add to every collection do not
 * reach the bare one.
 */
export const benchPlugin =
  (options: { enabled?: boolean } = {}): Plugin =>
  (config: Config): Config => {
    if (!options.enabled) return config
    const db = config.db
    return {
      ...config,
      // payload-types.ts and the import map are the product's: a bench process must not rewrite them
      typescript: { ...config.typescript, autoGenerate: false },
      admin: { ...config.admin, importMap: { ...config.admin?.importMap, autoGenerate: false } },
      collections: [...(config.collections ?? []), bareMemberships],
      endpoints: [...(config.endpoints ?? []), sqlEndpoint],
      db: {
        ...db,
        init: (args) => {
          const adapter = db.init(args)
          // read by the Postgres adapter when it connects (connect.ts: `this.logger || false`)
          ;(adapter as unknown as { logger: unknown }).logger = countingLogger
          return adapter
        },
      },
    }
  }
