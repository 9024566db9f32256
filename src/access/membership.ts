/**
 * Who is a member right now (SPEC §2's member audience): a person whose own membership is active
 * or in grace, or who holds a seat on an organisation's membership that is (with an account whose
 * address they have confirmed: a seat names an address, not an account). Every audience check
 * (events, notices, documents, RSVPs), the portal and volunteering ask it, several times in one
 * request, so it is answered once per request and person:
 *
 * - one statement, two indexed lookups joined by UNION ALL: memberships by member id
 *   (memberships_member_idx) and seats by seat-holder email (the email index of
 *   memberships_seat_holders). The earlier single query's `member = X OR seat email = Y` across
 *   the join could use neither index and read every held membership;
 * - for the person a request signs in, on Postgres, read in the same statement as their account
 *   (collections/users/signedInStrategy.ts, `seedMemberAccess`), so asking costs no statement;
 * - kept with the request (a WeakMap, gone with it) for the rest of that request, shared by its
 *   callers (read-only).
 *   The answer is worked out again when any membership changed since (the memberships
 *   collection's hooks call `membershipsChanged`, whichever request changed it), and when the
 *   request's transaction is not the one it was worked out in (one began, committed or was
 *   rolled back), so a request never acts on an answer its own writes have made stale.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { User } from '@payload-types'

import { and, drizzleOf, eq, exists, inArray, isNotNull, runPrepared, sql, tableOf, transactionDb } from '@/lib/db'
import type { Db, Preparable } from '@/lib/db'
import { ACCESS_STATUSES, normaliseEmail } from '@/membership/groups'

export type MemberAccess = {
  /** Whether the person counts as a member now (SPEC §2's member audience). */
  isMember: boolean
  /** Tiers whose members-only content they may see. */
  tiers: Array<number | string>
  /** Where each grant comes from: their own membership, or a seat on an organisation's. */
  grants: Array<{
    membership: number | string
    tier: number | string
    via: 'own' | 'seat'
    /** `active` or `grace` (ACCESS_STATUSES) */
    status: string
    membershipNumber: string | null
    periodEnd: string | null
    organisationName: string | null
  }>
}

type Person = Pick<User, 'id' | 'email'>

/** Shared by every caller (as a kept answer is within a request), so it cannot be changed. */
const NOT_A_MEMBER: MemberAccess = Object.freeze({ isMember: false, tiers: Object.freeze([]), grants: Object.freeze([]) }) as unknown as MemberAccess

type Memo = { generation: number; transaction: number | string | null; answers: Map<string, Promise<MemberAccess>> }

/**
 * The answers kept, by request, and a count bumped whenever a membership is written (an answer
 * worked out before it is not used again). Process-wide: Next.js may bundle this module more than
 * once (a page's code and the Payload config it reaches through `getPayload`'s shared instance),
 * and every copy must see the same answers and the same changes.
 */
type Kept = { generation: number; memos: WeakMap<object, Memo> }
const kept: Kept = ((globalThis as Record<symbol, Kept | undefined>)[Symbol.for('hangar.memberAccess')] ??= { generation: 0, memos: new WeakMap() })

/** A membership was created, changed or deleted (by any request): answers kept so far are stale. */
export function membershipsChanged(): void {
  kept.generation += 1
}

/**
 * What stands for the request: Payload hands some access calls a proxy of `req` (its own
 * transactionID isolated, e.g. when it checks the fields a `where` names), so `req` itself is not
 * the same object throughout one request; its data loader, Payload's own per-request document
 * cache, is, and goes with it.
 */
const requestKey = (req: PayloadRequest): object => req.payloadDataLoader ?? req

/**
 * The request's answers, valid in its transaction now.
 * Anything but an id stands for "no transaction": on SQLite Payload begins none and leaves the
 * promise on the request, and its data loader writes that back as `{}` (a JSON copy).
 */
const transactionOf = (transactionID: unknown): number | string | null =>
  typeof transactionID === 'string' || typeof transactionID === 'number' ? transactionID : null

function answersIn(req: PayloadRequest, transactionID: unknown): Map<string, Promise<MemberAccess>> {
  const transaction = transactionOf(transactionID)
  const key = requestKey(req)
  let memo = kept.memos.get(key)
  if (!memo || memo.generation !== kept.generation || memo.transaction !== transaction) {
    memo = { generation: kept.generation, transaction, answers: new Map() }
    kept.memos.set(key, memo)
  }
  return memo.answers
}

/** A promise by its shape: the request's may come from another realm than this module's `Promise` (test runners). */
const isPending = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | undefined)?.then === 'function'

const keyOf = (person: Person) => `${person.id}\n${normaliseEmail(person.email) ?? ''}`

type GrantRow = {
  membership: number
  member: number | null
  tier: number
  status: string
  membershipNumber: string | null
  periodEnd: string | Date | null
  organisationName: string | null
  createdAt: string | Date
  seatEmail: string | null
}

/**
 * Held memberships of these people, own (by member id) and through seats (by email), in one
 * statement. One person (every signed-in request asks for its own) is a prepared statement on
 * Postgres, planned once per connection (`runPrepared`); several are asked as built.
 */
async function grantRows(db: Db, payload: Payload, ids: Array<number | string>, emails: string[]): Promise<GrantRow[]> {
  if (ids.length === 1 && emails.length <= 1) {
    const name = emails.length === 1 ? 'hangar_member_access_with_seats' : 'hangar_member_access'
    return runPrepared(payload, db, name, { id: ids[0], email: emails[0] }, (on, param) => grantQuery(on, payload, [param('id')], emails.length === 1 ? [param('email')] : []))
  }
  return grantQuery(db, payload, ids, emails)
}

/** The memberships columns `grantQuery` selects, by their names in GrantRow (besides the seat's email, SEAT_EMAIL). */
function grantColumns(payload: Payload) {
  const memberships = tableOf(payload, 'memberships')
  return {
    membership: memberships.id,
    member: memberships.member,
    tier: memberships.tier,
    status: memberships.status,
    membershipNumber: memberships.membershipNumber,
    periodEnd: memberships.periodEnd,
    organisationName: memberships.organisationName,
    createdAt: memberships.createdAt,
  }
}
const SEAT_EMAIL = 'seat_email'

/** The query of `grantRows`, for these ids and emails (values, placeholders, or the signed-in read's own columns). */
export function grantQuery(db: Db, payload: Payload, ids: unknown[], emails: unknown[]) {
  const memberships = tableOf(payload, 'memberships')
  const seats = tableOf(payload, 'memberships_seat_holders')
  const users = tableOf(payload, 'users')
  const held = inArray(memberships.status, [...ACCESS_STATUSES])
  const columns = grantColumns(payload)
  const own = db
    .select({ ...columns, seatEmail: sql<string | null>`null`.as(SEAT_EMAIL) })
    .from(memberships)
    .where(and(ids.length === 1 ? eq(memberships.member, ids[0] as never) : inArray(memberships.member, ids as never[]), held))
  if (emails.length === 0) return own as unknown as Preparable<GrantRow[]>
  const seated = db
    .select({ ...columns, seatEmail: seats.email })
    .from(seats)
    .innerJoin(memberships, eq(memberships.id, seats._parentID))
    .where(
      and(
        emails.length === 1 ? eq(seats.email, emails[0] as never) : inArray(seats.email, emails as never[]),
        held,
        // a seat is for whoever owns that address: an account made with it counts only once
        // its owner has confirmed it (src/security/emailVerification.ts), or anyone could
        // register an organisation's seat addresses and be let in
        exists(
          db
            .select({ one: sql`1` })
            .from(users)
            .where(and(eq(users.email, seats.email), isNotNull(users.emailVerifiedAt))),
        ),
      ),
    )
  return own.unionAll(seated) as unknown as Preparable<GrantRow[]>
}

const isoOf = (value: string | Date | null): string | null => (value === null || value === undefined ? null : new Date(value).toISOString())

/** Each person's access, from the rows that name them (own rows by member id, seat rows by email). */
function accessFrom(person: Person, rows: GrantRow[]): MemberAccess {
  const email = normaliseEmail(person.email)
  const grants = new Map<number | string, MemberAccess['grants'][number] & { createdAt: number }>()
  for (const row of rows) {
    const names = row.seatEmail === null ? String(row.member) === String(person.id) : row.seatEmail === email
    if (!names || grants.has(row.membership)) continue
    grants.set(row.membership, {
      membership: row.membership,
      tier: row.tier,
      via: String(row.member) === String(person.id) ? 'own' : 'seat',
      status: row.status,
      membershipNumber: row.membershipNumber ?? null,
      periodEnd: isoOf(row.periodEnd),
      organisationName: row.organisationName ?? null,
      createdAt: new Date(row.createdAt).getTime(),
    })
  }
  // newest first, as memberships are listed everywhere else
  const list = [...grants.values()].sort((a, b) => b.createdAt - a.createdAt).map(({ createdAt: _createdAt, ...grant }) => grant)
  if (list.length === 0) return NOT_A_MEMBER
  return { isMember: true, tiers: [...new Set(list.map((g) => g.tier))], grants: list }
}

/**
 * The grant rows read with the person when they signed in (collections/users/signedInStrategy.ts
 * reads them in the same statement as the account), kept on that person's object for the request
 * that signed them in. `generation` is the count of membership changes when that statement was
 * sent: the rows answer only while no membership has changed since, and only outside a
 * transaction (a request's writes, and the locks its checks go with, are asked inside it).
 */
type Seed = { generation: number; rows: GrantRow[] }
const SEED = Symbol.for('hangar.memberAccess.seed')

/** The count of membership changes so far: taken before the statement whose rows `seedMemberAccess` keeps. */
export function membershipGeneration(): number {
  return kept.generation
}

/**
 * Keeps the grant rows read with the signed-in person on their object (not enumerable, so never
 * in an answer or a copy): `memberAccess` for that object then asks no statement of its own.
 * The rows are those `grantQuery` gives for the person's id and email, as JSON: keyed by its
 * columns' names in the database.
 */
export function seedMemberAccess(payload: Payload, person: object, generation: number, rows: Array<Record<string, unknown>>): void {
  const columns = Object.entries(grantColumns(payload))
  const grantRowsOf = rows.map((row) => ({
    ...Object.fromEntries(columns.map(([key, column]) => [key, row[column.name] ?? null])),
    seatEmail: row[SEAT_EMAIL] ?? null,
  })) as GrantRow[]
  Object.defineProperty(person, SEED, { value: { generation, rows: grantRowsOf } satisfies Seed, configurable: true })
}

/** The seeded answer for this person, when it still holds (see Seed). */
function seededAccess(person: Person, transactionID: unknown): MemberAccess | null {
  const seed = (person as { [SEED]?: Seed })[SEED]
  if (!seed || seed.generation !== kept.generation || transactionOf(transactionID) !== null) return null
  return accessFrom(person, seed.rows)
}

async function readAccess(payload: Payload, people: Person[], req?: PayloadRequest): Promise<Map<string, MemberAccess>> {
  const db = req ? await transactionDb(req) : drizzleOf(payload)
  const ids = [...new Set(people.map((p) => p.id))]
  const emails = [...new Set(people.map((p) => normaliseEmail(p.email)).filter((e): e is string => Boolean(e)))]
  const rows = await grantRows(db, payload, ids, emails)
  return new Map(people.map((person) => [keyOf(person), accessFrom(person, rows)]))
}

/**
 * Access of several people at once, each answer kept on `req` as `memberAccess` keeps it: those
 * already known this request cost nothing, the rest are read together in one statement.
 */
async function accessOfPeople(payload: Payload, people: Person[], req?: PayloadRequest): Promise<Map<string, MemberAccess>> {
  // a transaction being begun is waited for
  const transactionID = !req ? undefined : isPending(req.transactionID) ? await req.transactionID : req.transactionID
  const answers = req ? answersIn(req, transactionID) : null
  const result = new Map<string, MemberAccess>()
  const pending: Array<Promise<void>> = []
  const unknown = new Map<string, Person>()
  for (const person of people) {
    const key = keyOf(person)
    let known = answers?.get(key)
    if (!known && answers) {
      const seeded = seededAccess(person, transactionID)
      if (seeded) answers.set(key, (known = Promise.resolve(seeded)))
    }
    if (known) pending.push(known.then((access) => void result.set(key, access)))
    else unknown.set(key, person)
  }
  if (unknown.size > 0) {
    const read = readAccess(payload, [...unknown.values()], req)
    for (const key of unknown.keys()) {
      const answer = read.then((all) => all.get(key)!)
      answers?.set(key, answer)
      pending.push(answer.then((access) => void result.set(key, access)))
    }
    // a failed read is not kept: the next question asks the database again
    read.catch(() => {
      for (const key of unknown.keys()) answers?.delete(key)
    })
  }
  await Promise.all(pending)
  return result
}

/** Who is a member right now: their own active (or grace) memberships, and organisation seats; once per request. */
export async function memberAccess(payload: Payload, user: Person | null | undefined, req?: PayloadRequest): Promise<MemberAccess> {
  if (!user) return NOT_A_MEMBER
  return (await accessOfPeople(payload, [user], req)).get(keyOf(user))!
}

/** Of these people, the ids of those who count as members right now (as memberAccess decides), in one statement. */
export async function currentMemberIds(payload: Payload, users: Person[], req?: PayloadRequest): Promise<Set<number | string>> {
  if (users.length === 0) return new Set()
  const access = await accessOfPeople(payload, users, req)
  return new Set(users.filter((u) => access.get(keyOf(u))!.isMember).map((u) => u.id))
}

/** Of these people, each one's access by id (as memberAccess decides), in one statement for those not yet known this request. */
export async function membersAccess(payload: Payload, users: Person[], req?: PayloadRequest): Promise<Map<number | string, MemberAccess>> {
  if (users.length === 0) return new Map()
  const access = await accessOfPeople(payload, users, req)
  return new Map(users.map((u) => [u.id, access.get(keyOf(u))!]))
}
