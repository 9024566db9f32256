import type { AuthStrategy, Payload } from 'payload'
import { JWTAuthentication } from 'payload'

import { grantQuery, membershipGeneration, seedMemberAccess } from '@/access/membership'
import { drizzleOf, eq, isPostgres, runPrepared, sql, tableOf } from '@/lib/db'
import type { Preparable } from '@/lib/db'

/**
 * What every API request reads of the person its token signs in (`req.user`): who they are, their
 * roles and sessions, and the few facts access rules look at. Access rules, hooks and endpoints
 * use nothing else of `req.user` (they read a member's profile, when they need it, by id).
 *
 * Payload's own token strategy reads the whole account on every request: the phone number, date
 * of birth and address decrypted, the custom fields, the directory choices, the API key and every
 * link's fields, about three times the cost of this. Pages of the member site, which show the
 * profile, still read the whole account (src/lib/siteRequest.ts).
 */
export const SIGNED_IN_FIELDS = {
  email: true,
  firstName: true,
  lastName: true,
  roles: true,
  // Payload checks the token's session against these (auth.useSessions)
  sessions: true,
  photo: true,
  emailVerifiedAt: true,
  erasureRequestedAt: true,
  erasedAt: true,
  createdAt: true,
  updatedAt: true,
} as const

/** The person a request signs in, as API requests and most pages read them (`readSignedIn`). */
export type SignedIn = {
  id: number
  email: string
  firstName: string
  lastName: string
  roles: string[]
  sessions: Array<{ id: string; createdAt: string; expiresAt: string }>
  photo: number | null
  emailVerifiedAt: string | null
  erasureRequestedAt: string | null
  erasedAt: string | null
  createdAt: string
  updatedAt: string
}

type SignedInRow = Omit<SignedIn, 'sessions' | 'emailVerifiedAt' | 'erasureRequestedAt' | 'erasedAt' | 'createdAt' | 'updatedAt'> & {
  sessions: Array<{ id: string; createdAt: string; expiresAt: string }> | null
  grants: Array<Record<string, unknown>> | null
  emailVerifiedAt: string | Date | null
  erasureRequestedAt: string | Date | null
  erasedAt: string | Date | null
  createdAt: string | Date
  updatedAt: string | Date
}

const iso = (value: string | Date | null) => (value === null || value === undefined ? null : new Date(value).toISOString())

/**
 * SIGNED_IN_FIELDS of one account, as Payload's `findByID` with that `select` returns them, or
 * null when there is none. On Postgres it is one prepared statement (the roles, sessions and
 * the memberships that make the person a member as JSON beside the account's columns; the last
 * are kept for `memberAccess`, which then asks no statement of its own), planned once per connection: Payload's read took about
 * 1.8 ms of every signed-in request at 100,000 members, most of it the server planning a new
 * statement each time (tests/int/users.int.spec.ts checks both give the same). On SQLite it is
 * Payload's read.
 */
export async function readSignedIn(payload: Payload, id: number | string): Promise<SignedIn | null> {
  if (!isPostgres(payload)) {
    return (await payload.findByID({ collection: 'users', id, depth: 0, select: SIGNED_IN_FIELDS, disableErrors: true })) as SignedIn | null
  }
  // membership changes counted before the statement: its grants answer only while there are no more
  const generation = membershipGeneration()
  const rows = await runPrepared<SignedInRow[]>(payload, drizzleOf(payload), 'hangar_signed_in', { id }, (db, param) => {
    const users = tableOf(payload, 'users')
    // who this person is a member through, as memberAccess asks it (src/access/membership.ts), in the same statement
    const grants = grantQuery(db, payload, [users.id], [sql`lower(btrim(${users.email}))`])
    return db
      .select({
        id: users.id,
        email: users.email,
        firstName: users.firstName,
        lastName: users.lastName,
        // written out: drizzle names a one-table select's columns unqualified, inside subqueries too
        roles: sql<string[]>`coalesce((select json_agg(r.value order by r."order") from users_roles r where r.parent_id = "users"."id"), '[]'::json)`,
        sessions: sql<SignedInRow['sessions']>`(select json_agg(json_build_object('id', s.id, 'createdAt', s.created_at, 'expiresAt', s.expires_at) order by s._order) from users_sessions s where s._parent_id = "users"."id")`,
        photo: users.photo,
        emailVerifiedAt: users.emailVerifiedAt,
        erasureRequestedAt: users.erasureRequestedAt,
        erasedAt: users.erasedAt,
        createdAt: users.createdAt,
        updatedAt: users.updatedAt,
        grants: sql<SignedInRow['grants']>`(select json_agg(g) from (${grants}) g)`,
      })
      .from(users)
      .where(eq(users.id, param('id') as never)) as unknown as Preparable<SignedInRow[]>
  })
  const row = rows[0]
  if (!row) return null
  const { grants, ...account } = row
  const signedIn: SignedIn = {
    ...account,
    photo: row.photo ?? null,
    sessions: (row.sessions ?? []).map((session) => ({ id: session.id, createdAt: iso(session.createdAt)!, expiresAt: iso(session.expiresAt)! })),
    emailVerifiedAt: iso(row.emailVerifiedAt),
    erasureRequestedAt: iso(row.erasureRequestedAt),
    erasedAt: iso(row.erasedAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  }
  seedMemberAccess(payload, signedIn, generation, grants ?? [])
  return signedIn
}

/**
 * Payload's token strategy itself (the token taken from the header or the cookie under its CSRF
 * rules, verified, its session checked, `_strategy` and `_sid` set), reading only
 * SIGNED_IN_FIELDS of the account (`readSignedIn`). It runs before Payload's: a request with no
 * token, or one this refuses, goes on to the API key strategy and Payload's own, which refuses it too.
 */
export const signedInStrategy: AuthStrategy = {
  name: 'local-jwt-signed-in',
  authenticate: ({ headers, isGraphQL, payload }) => {
    const narrowed = Object.create(payload, {
      findByID: {
        value: async (options: Parameters<Payload['findByID']>[0]) => {
          if (options.collection !== 'users' || options.select !== undefined) return payload.findByID(options)
          // no such account (deleted since the token was signed): the strategy signs nobody in
          return readSignedIn(payload, options.id)
        },
      },
    }) as Payload
    return JWTAuthentication({ headers, isGraphQL, payload: narrowed, strategyName: 'local-jwt' })
  },
}
