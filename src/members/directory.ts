/**
 * The member directory (SPEC §10, issue 15 point 4): members who are members now (active or in
 * grace, their own membership or a seat) find each other by name and organisation, filtered by
 * tier, and see of each person only what that person chose to show and the admins did not lock.
 *
 * Privacy is decided here, in the query, not in a page: a person is listed only when they show
 * at least one field; a search matches a name or organisation only where it is shown; a card
 * carries only the shown fields; a photo is served only when shown (`directoryPhoto`). Staff can
 * hide a person entirely (`directoryHidden`). REST (`GET /api/directory`), GraphQL (`directory`)
 * and the page all go through `searchDirectory`; the users collection is never exposed for it.
 */
import type { PayloadRequest } from 'payload'

import type { Media, Setting, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { memberAccess, membersAccess } from '@/access/membership'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { and, asc, eq, exists, inArray, isNotNull, like, or, sql, tableOf, transactionDb } from '@/lib/db'
import type { DirectoryField } from '@/members/directoryFields'
import { DIRECTORY_FIELDS, shownFields } from '@/members/directoryFields'
import type { CustomFieldDefinition } from '@/members/customFieldRules'
import { formatValue, isDirectoryEligible } from '@/members/customFieldRules'
import { definitionsOf, valuesOf } from '@/members/customFields'
import { ACCESS_STATUSES } from '@/membership/groups'

export const DIRECTORY_PAGE_SIZE = 24
const MAX_SEARCH = 100

/** A custom member field a person shows: its label and the value as people read it. */
export type DirectoryCustomField = { key: string; label: string; value: string }
export type DirectoryCard = { id: number; name?: string; organisation?: string; email?: string; phone?: string; photo?: string; customFields?: DirectoryCustomField[] }
export type DirectoryQuery = { search?: unknown; tier?: unknown; page?: unknown }
export type DirectoryPage = { cards: DirectoryCard[]; page: number; hasNextPage: boolean }

/** Members now (active or grace, own or seat) browse the directory; so do the staff who read everyone. */
export async function mayBrowseDirectory(req: PayloadRequest): Promise<boolean> {
  if (!req.user) return false
  if (reachesAll('users', req.user as Actor, 'read')) return true
  return (await memberAccess(req.payload, req.user as never, req)).isMember
}

async function lockedFields(req: PayloadRequest): Promise<DirectoryField[]> {
  const settings = (await req.payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true, req })) as Setting & { directoryLockedFields?: string[] | null }
  return (settings.directoryLockedFields ?? []).filter((f): f is DirectoryField => (DIRECTORY_FIELDS as readonly string[]).includes(f))
}

/**
 * The custom member fields the directory may show: those an admin made eligible (members see them,
 * not archived) and did not lock hidden for everyone (Settings → Directory).
 */
export async function openCustomFields(req: PayloadRequest): Promise<CustomFieldDefinition[]> {
  const [definitions, settings] = await Promise.all([definitionsOf(req), req.payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true, req }) as Promise<Setting>])
  const locked = new Set((settings.directoryLockedMemberFields ?? []).map((field) => String(idOf(field))))
  return definitions.filter((definition) => isDirectoryEligible(definition) && !locked.has(String(definition.id)))
}

const pageOf = (value: unknown) => {
  const page = Number(value ?? 1)
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
}

/** One page of the directory for the request's user; throws nothing a person can cause. */
export async function searchDirectory(req: PayloadRequest, query: DirectoryQuery): Promise<DirectoryPage> {
  const page = pageOf(query.page)
  const search = typeof query.search === 'string' ? query.search.trim().toLowerCase().slice(0, MAX_SEARCH) : ''
  const tier = query.tier === undefined || query.tier === '' || query.tier === null ? null : Number(query.tier)
  if (tier !== null && !(Number.isInteger(tier) && tier > 0)) return { cards: [], page, hasNextPage: false }

  const [locked, customFields] = await Promise.all([lockedFields(req), openCustomFields(req)])
  const open = (field: DirectoryField) => !locked.includes(field)
  const { payload } = req
  const db = await transactionDb(req)
  const users = tableOf(payload, 'users')
  const memberships = tableOf(payload, 'memberships')
  const seats = tableOf(payload, 'memberships_seat_holders')

  const held = (extra?: ReturnType<typeof eq>) => and(inArray(memberships.status, [...ACCESS_STATUSES]), tier !== null ? eq(memberships.tier, tier) : undefined, extra)
  const ownMembership = db.select({ one: sql`1` }).from(memberships).where(held(eq(memberships.member, users.id)))
  const seatMembership = db
    .select({ one: sql`1` })
    .from(seats)
    .innerJoin(memberships, eq(memberships.id, seats._parentID))
    .where(held(and(eq(seats.email, users.email), isNotNull(users.emailVerifiedAt))))
  const showing = (field: DirectoryField) => eq(users[`directory_show${field[0]!.toUpperCase()}${field.slice(1)}`], true)
  // the custom fields a person shows are rows of users_texts (`directory.showCustom`, text hasMany)
  const texts = customFields.length ? tableOf(payload, 'users_texts') : null
  const showingCustom = texts
    ? exists(
        db
          .select({ one: sql`1` })
          .from(texts)
          .where(and(eq(texts.parent, users.id), eq(texts.path, 'directory.showCustom'), inArray(texts.text, customFields.map((field) => field.key)))),
      )
    : undefined
  const shownAtAll = or(...DIRECTORY_FIELDS.filter(open).map(showing), showingCustom)
  if (!shownAtAll) return { cards: [], page, hasNextPage: false }

  let matches
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const nameMatch = open('name') ? and(showing('name'), like(sql`lower(${users.firstName} || ' ' || ${users.lastName})`, pattern)) : undefined
    const organisationMatch = open('organisation')
      ? and(
          showing('organisation'),
          or(
            exists(db.select({ one: sql`1` }).from(memberships).where(held(and(eq(memberships.member, users.id), like(sql`lower(${memberships.organisationName})`, pattern))))),
            exists(
              db
                .select({ one: sql`1` })
                .from(seats)
                .innerJoin(memberships, eq(memberships.id, seats._parentID))
                .where(held(and(eq(seats.email, users.email), isNotNull(users.emailVerifiedAt), like(sql`lower(${memberships.organisationName})`, pattern)))),
            ),
          ),
        )
      : undefined
    matches = or(nameMatch, organisationMatch)
    if (!matches) return { cards: [], page, hasNextPage: false }
  }

  const rows = (await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      directory_showName: users.directory_showName,
      directory_showOrganisation: users.directory_showOrganisation,
      directory_showEmail: users.directory_showEmail,
      directory_showPhone: users.directory_showPhone,
      directory_showPhoto: users.directory_showPhoto,
      photo: users.photo,
    })
    .from(users)
    .where(and(sql`coalesce(${users.directoryHidden}, false) = false`, shownAtAll, or(exists(ownMembership), exists(seatMembership)), matches))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(DIRECTORY_PAGE_SIZE + 1)
    .offset((page - 1) * DIRECTORY_PAGE_SIZE)) as Array<Record<string, unknown> & { id: number; email: string }>

  const listed = rows.slice(0, DIRECTORY_PAGE_SIZE)
  const needsPhone = listed.some((row) => shownFields(choicesOf(row), locked).includes('phone'))
  // the phone is read through Payload, so it comes out as the users collection gives it
  const phones = needsPhone ? await phonesOf(req, listed.map((row) => row.id)) : new Map<number, string | null>()
  const access = await membersAccess(payload, listed.map((row) => ({ id: row.id, email: row.email })), req)
  const custom = customFields.length && listed.length ? await customOf(req, listed.map((row) => row.id), customFields) : new Map<number, DirectoryCustomField[]>()
  const cards = listed.map((row) => {
    const shown = shownFields(choicesOf(row), locked)
    const card: DirectoryCard = { id: row.id }
    if (shown.includes('name')) card.name = `${row.firstName} ${row.lastName}`.trim()
    if (shown.includes('organisation')) {
      const organisation = access.get(row.id)?.grants.find((grant) => grant.organisationName)?.organisationName
      if (organisation) card.organisation = organisation
    }
    if (shown.includes('email')) card.email = row.email
    if (shown.includes('phone') && phones.get(row.id)) card.phone = phones.get(row.id)!
    if (shown.includes('photo') && row.photo) card.photo = `/api/directory/${row.id}/photo`
    const shownCustom = custom.get(row.id)
    if (shownCustom?.length) card.customFields = shownCustom
    return card
  })
  return { cards, page, hasNextPage: rows.length > DIRECTORY_PAGE_SIZE }
}

const choicesOf = (row: Record<string, unknown>) => ({
  showName: row.directory_showName as boolean,
  showOrganisation: row.directory_showOrganisation as boolean,
  showEmail: row.directory_showEmail as boolean,
  showPhone: row.directory_showPhone as boolean,
  showPhoto: row.directory_showPhoto as boolean,
})

async function phonesOf(req: PayloadRequest, ids: number[]): Promise<Map<number, string | null>> {
  const { docs } = await req.payload.find({ collection: 'users', where: { id: { in: ids } }, select: { phone: true }, depth: 0, limit: ids.length, pagination: false, overrideAccess: true, req })
  return new Map(docs.map((doc) => [doc.id as number, (doc as User).phone ?? null]))
}

/** Of each person, the open custom fields they show and have a value for, in the fields' order. */
async function customOf(req: PayloadRequest, ids: number[], open: CustomFieldDefinition[]): Promise<Map<number, DirectoryCustomField[]>> {
  const { docs } = await req.payload.find({
    collection: 'users',
    where: { id: { in: ids } },
    select: { customFields: true, directory: { showCustom: true } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const out = new Map<number, DirectoryCustomField[]>()
  for (const doc of docs as User[]) {
    const chosen = new Set(doc.directory?.showCustom ?? [])
    const values = valuesOf(doc)
    const shown = open.filter((field) => chosen.has(field.key) && values[field.key] !== undefined).map((field) => ({ key: field.key, label: field.label, value: formatValue(field, values[field.key]) }))
    out.set(doc.id, shown)
  }
  return out
}

/**
 * The photo of a person as the directory shows it: only when they are listed and show their
 * photo, to someone who may browse. Null otherwise (the caller answers 404, telling nothing).
 */
export async function directoryPhoto(req: PayloadRequest, personId: unknown): Promise<Media | null> {
  if (!(await mayBrowseDirectory(req))) return null
  const id = Number(personId)
  if (!Number.isInteger(id) || id <= 0) return null
  const person = (await req.payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, disableErrors: true, req })) as User | null
  if (!person || person.directoryHidden || !idOf(person.photo)) return null
  if (!shownFields(person.directory, await lockedFields(req)).includes('photo')) return null
  if (!(await memberAccess(req.payload, person, req)).isMember) return null
  return (await req.payload.findByID({ collection: 'media', id: idOf(person.photo)!, depth: 0, overrideAccess: true, disableErrors: true, req })) as Media | null
}
