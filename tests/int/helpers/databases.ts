import pg from 'pg'

/** Fresh Postgres databases for test files, named `<base>_<suffix>` beside the base database. */
export const TEST_DB_PREFIX = 'hangar_t_'

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/** Runs `run` with a client connected to `url`'s database, and disconnects it afterwards. */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const withAdminClient = <T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> => withClient(withDatabase(url, 'postgres'), run)

/** A new database, empty or (with `template`) a copy of that one, which nobody may be connected to. */
export async function createDatabase(url: string, database: string, template?: string): Promise<string> {
  await withAdminClient(url, (client) => client.query(`CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ''}`))
  return withDatabase(url, database)
}

export async function dropDatabase(url: string, database: string): Promise<void> {
  await withAdminClient(url, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
}

type DropOptions = { onlyUnused?: boolean; keep?: (name: string) => boolean }

export async function dropDatabasesWithPrefix(url: string, prefix: string, { onlyUnused = false, keep = () => false }: DropOptions = {}): Promise<number> {
  return withAdminClient(url, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      // left(), not LIKE: the prefix's underscores would be wildcards and match other databases
      `SELECT datname FROM pg_database d WHERE left(datname, length($1)) = $1
         AND ($2::boolean = false OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname))`,
      [prefix, onlyUnused],
    )
    const doomed = rows.filter(({ datname }) => !keep(datname))
    for (const { datname } of doomed) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    return doomed.length
  })
}

/** Makes a database unreachable: no new connections, existing ones terminated. */
export async function cutOffDatabase(url: string): Promise<void> {
  const database = new URL(url).pathname.slice(1)
  await withAdminClient(url, async (client) => {
    await client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`)
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database])
  })
}
