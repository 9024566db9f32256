import { describe, expect, it } from 'vitest'

import { mustVerifyEmail, refuseUnverified } from '@/access/emailVerified'
import { appendOnlyCollections, collectionMatrix, fieldMatrix, OPERATIONS, ownerOnlyFields, recordOnlyCollections } from '@/access/matrix'
import { checkQuery, refusePath } from '@/access/queryGuard'
import { canAny, canAuthOperation, canField, canGlobal, canGrantRole, canOwnerOnlyField, canReadFieldOfOthers, canUseAdminPanel, scopesFor } from '@/access/resolve'
import { ROLES } from '@/access/roles'
import { rolesOf, subjectsOf } from '@/access/subjects'

const user = (...roles: string[]) => ({ id: 1, roles })

describe('subjects', () => {
  it('treats a visitor as anonymous and every signed-in user as a member', () => {
    expect(subjectsOf(null)).toEqual(['anonymous'])
    expect(subjectsOf(user())).toEqual(['member'])
    expect(subjectsOf(user('treasurer'))).toEqual(['treasurer', 'member'])
  })

  it('ignores role strings that are not roles', () => {
    expect(rolesOf(user('root', 'admin'))).toEqual(['admin', 'member'])
  })
})

describe('collection scopes', () => {
  it('gives a superuser everything, even on collections that list no superuser row, except changing a history or writing a record', () => {
    for (const collection of Object.keys(collectionMatrix)) {
      for (const operation of OPERATIONS) {
        const history = (appendOnlyCollections as readonly string[]).includes(collection) && (operation === 'update' || operation === 'delete')
        const record = (recordOnlyCollections as readonly string[]).includes(collection) && operation !== 'read'
        expect(canAny(collection, user('superuser'), operation)).toBe(!history && !record)
      }
    }
  })

  it('keeps sign-in events a record Hangar alone writes: read by their person and admins, written by nobody', () => {
    expect(recordOnlyCollections).toContain('sign-in-events')
    for (const roles of [['superuser'], ['admin'], ['secretary'], []] as const) {
      for (const operation of ['create', 'update', 'delete'] as const) expect(canAny('sign-in-events', user(...roles), operation)).toBe(false)
    }
    expect(scopesFor(collectionMatrix['sign-in-events'], user(), 'read')).toEqual(['own'])
    expect(canAny('sign-in-events', user('admin'), 'read')).toBe(true)
    expect(canAny('sign-in-events', null, 'read')).toBe(false)
  })

  it('keeps consent records append-only: added and read, never changed or removed by anyone', () => {
    expect(appendOnlyCollections).toContain('consents')
    for (const roles of [['superuser'], ['admin'], ['secretary'], []] as const) {
      expect(canAny('consents', user(...roles), 'update')).toBe(false)
      expect(canAny('consents', user(...roles), 'delete')).toBe(false)
    }
    expect(canAny('consents', user('admin'), 'create')).toBe(true)
    expect(canAny('consents', user(), 'create')).toBe(false) // the site records a member's own choices
    expect(scopesFor(collectionMatrix.consents, user(), 'read')).toEqual(['own'])
  })

  it('limits a member to their own account and keeps visitors out of it', () => {
    const rules = collectionMatrix.users
    expect(scopesFor(rules, user(), 'read')).toEqual(['own'])
    expect(scopesFor(rules, user(), 'delete')).toEqual([])
    expect(scopesFor(rules, null, 'read')).toEqual([])
    expect(scopesFor(rules, null, 'create')).toBe('all')
  })

  it('lets the widest grant of a person holding several roles win', () => {
    expect(scopesFor(collectionMatrix.payments, user('secretary'), 'read')).toBe('all')
    expect(scopesFor(collectionMatrix.payments, user(), 'read')).toEqual(['own'])
    expect(scopesFor(collectionMatrix.payments, user('secretary'), 'create')).toEqual([])
    expect(scopesFor(collectionMatrix.payments, user('secretary', 'treasurer'), 'create')).toBe('all')
  })

  it('follows SPEC §2 on who handles money', () => {
    expect(canAny('payments', user('treasurer'), 'create')).toBe(true)
    expect(canAny('payments', user('admin'), 'create')).toBe(true)
    // an events coordinator is a member too: their own payments, nobody else's
    expect(scopesFor(collectionMatrix.payments, user('events'), 'read')).toEqual(['own'])
    expect(canAny('payments', user('events'), 'update')).toBe(false)
    expect(canAny('payments', null, 'read')).toBe(false)
  })

  it('refuses a collection the matrix does not know', () => {
    expect(() => canAny('no-such-collection', user('admin'), 'read')).toThrow(/No permission rules/)
  })

  it('names every collection slug of the public API contract (SPEC §13), and the additions deliberately', () => {
    const contract = [
      'users', 'tiers', 'memberships', 'payments', 'payment-events', 'email-templates', 'notifications',
      'reminders', 'events', 'rsvps', 'notices', 'documents', 'media', 'volunteer-roles', 'certificate-types',
      'certificates', 'volunteer-assignments', 'shifts', 'availability', 'inquiries',
    ]
    // beyond the contract: the certificate reminder ledger (read-only, staff only; docs/volunteering.md)
    // beyond the contract: the certificate reminder ledger (read-only, staff only; docs/volunteering.md),
    // the audit trail of people and payments (read by admins, written by hooks only; docs/members.md)
    // the consent records of SPEC §11 (append-only; issue 15) and the custom member field
    // definitions of SPEC §10 (admins define them; docs/members.md), and imports of people from a
    // spreadsheet (issue 16; admins and the secretary; docs/members.md), and the record of sign-ins
    // (issue 17; the person and admins read it, Hangar alone writes it; docs/members.md), and the
    // response templates of the inquiry inbox (issue 18; the secretary and admins; docs/inquiries.md),
    // members' requests to be emailed when an event's registration opens (issue 19; their own, and
    // the events team; docs/events.md), and the record of messages sent to an event's registrant
    // list (issue 19; read by those who read every RSVP, written by its endpoint alone; docs/events.md)
    const additions = ['certificate-reminders', 'audit-entries', 'consents', 'member-fields', 'member-imports', 'sign-in-events', 'inquiry-templates', 'registration-alerts', 'registrant-messages']
    expect(Object.keys(collectionMatrix).sort()).toEqual([...contract, ...additions].sort())
  })
})

describe('roles', () => {
  it('only a superuser can grant superuser; an admin grants every other role', () => {
    expect(canGrantRole(user('superuser'), 'superuser')).toBe(true)
    expect(canGrantRole(user('admin'), 'superuser')).toBe(false)
    for (const role of ROLES.filter((r) => r !== 'superuser')) expect(canGrantRole(user('admin'), role)).toBe(true)
    expect(canGrantRole(user('secretary'), 'treasurer')).toBe(false)
    expect(canGrantRole(user(), 'member')).toBe(false)
    expect(canGrantRole(null, 'member')).toBe(false)
  })

  it('opens the admin panel to staff only', () => {
    expect(canUseAdminPanel(user('events'))).toBe(true)
    expect(canUseAdminPanel(user())).toBe(false)
    expect(canUseAdminPanel(null)).toBe(false)
  })

  it('lets only admins and superusers unlock accounts', () => {
    expect(canAuthOperation('unlock', user('admin'))).toBe(true)
    expect(canAuthOperation('unlock', user('superuser'))).toBe(true)
    for (const role of ['treasurer', 'secretary', 'events', 'volunteers', 'member'] as const) {
      expect(canAuthOperation('unlock', user(role))).toBe(false)
    }
    expect(canAuthOperation('unlock', null)).toBe(false)
  })

  it('lets superusers, admins and the secretary export anyone’s personal data (subject access requests)', () => {
    for (const role of ['superuser', 'admin', 'secretary'] as const) expect(canAuthOperation('exportData', user(role))).toBe(true)
    for (const role of ['treasurer', 'events', 'volunteers', 'member'] as const) expect(canAuthOperation('exportData', user(role))).toBe(false)
    expect(canAuthOperation('exportData', null)).toBe(false)
  })

  it('lets superusers, admins and the secretary verify someone’s email address by hand or send a new link', () => {
    for (const role of ['superuser', 'admin', 'secretary'] as const) expect(canAuthOperation('verifyEmail', user(role))).toBe(true)
    for (const role of ['treasurer', 'events', 'volunteers', 'member'] as const) expect(canAuthOperation('verifyEmail', user(role))).toBe(false)
    expect(canAuthOperation('verifyEmail', null)).toBe(false)
    // inviting a person to sign in: the same people
    for (const role of ['superuser', 'admin', 'secretary'] as const) expect(canAuthOperation('invite', user(role))).toBe(true)
    for (const role of ['treasurer', 'events', 'volunteers', 'member'] as const) expect(canAuthOperation('invite', user(role))).toBe(false)
  })
})

describe('email verification before applying or paying', () => {
  it('holds up a signed-in person whose address is not confirmed, whatever their roles, and nobody else', () => {
    expect(mustVerifyEmail({ id: 1, roles: ['member'], emailVerifiedAt: null })).toBe(true)
    expect(mustVerifyEmail({ id: 1, roles: ['admin'], emailVerifiedAt: null })).toBe(true)
    expect(mustVerifyEmail({ id: 1, roles: ['member'], emailVerifiedAt: '2026-01-01T00:00:00.000Z' })).toBe(false)
    expect(mustVerifyEmail(null)).toBe(false)
    expect(() => refuseUnverified({ id: 1, emailVerifiedAt: null })).toThrow(expect.objectContaining({ status: 403, data: { reason: 'email-not-verified' } }))
    expect(() => refuseUnverified({ id: 1, emailVerifiedAt: '2026-01-01T00:00:00.000Z' })).not.toThrow()
  })
})

describe('field rules', () => {
  it('keeps roles out of a member’s own hands', () => {
    expect(canField(fieldMatrix.users.roles, user(), 'update', () => true)).toBe(false)
    expect(canField(fieldMatrix.users.roles, user('admin'), 'update', () => false)).toBe(true)
    expect(canField(fieldMatrix.users.roles, user(), 'read', () => true)).toBe(true)
  })

  it('shows internal notes to admins and the secretary, never to the member', () => {
    expect(canField(fieldMatrix.users.internalNotes, user(), 'read', () => true)).toBe(false)
    expect(canField(fieldMatrix.users.internalNotes, user('secretary'), 'read', () => false)).toBe(true)
    expect(canField(fieldMatrix.users.internalNotes, user('treasurer'), 'read', () => false)).toBe(false)
    expect(canField(fieldMatrix.users.internalNotes, null, 'read', () => false)).toBe(false)
  })

  it('grants `self` only to the signed-in owner', () => {
    const rule = { read: ['self'] as const }
    expect(canField(rule, user(), 'read', () => true)).toBe(true)
    expect(canField(rule, user(), 'read', () => false)).toBe(false)
    expect(canField(rule, null, 'read', () => true)).toBe(false)
  })
})

describe('owner-only fields and field reads for queries', () => {
  it('keeps API keys to their owner, a superuser included', () => {
    expect([...ownerOnlyFields.users].sort()).toEqual(['apiKey', 'apiKeyIndex', 'enableAPIKey'])
    expect(canOwnerOnlyField(user('superuser'), () => false)).toBe(false)
    expect(canOwnerOnlyField(user(), () => true)).toBe(true)
    expect(canOwnerOnlyField(null, () => true)).toBe(false)
    for (const field of ownerOnlyFields.users) expect(canReadFieldOfOthers('users', field, user('superuser'))).toBe(false)
  })

  it('reads the field rules for others’ documents: notes for admins, the secretary (and the treasurer on payments)', () => {
    expect(canReadFieldOfOthers('users', 'internalNotes', user('secretary'))).toBe(true)
    expect(canReadFieldOfOthers('users', 'internalNotes', user('treasurer'))).toBe(false)
    expect(canReadFieldOfOthers('memberships', 'internalNotes', user('admin'))).toBe(true)
    expect(canReadFieldOfOthers('memberships', 'internalNotes', user())).toBe(false)
    expect(canReadFieldOfOthers('payments', 'notes', user('treasurer'))).toBe(true)
    expect(canReadFieldOfOthers('payments', 'notes', user('events'))).toBe(false)
    expect(canReadFieldOfOthers('users', 'phone', user('volunteers'))).toBe(true)
  })
})

describe('query guard', () => {
  const fields: Record<string, unknown[]> = {
    shifts: [{ name: 'assigned', type: 'array', flattenedFields: [{ name: 'member', type: 'relationship', relationTo: 'users' }] }],
    users: [
      { name: 'phone', type: 'text' },
      { name: 'internalNotes', type: 'textarea' },
      { name: 'apiKey', type: 'text' },
      { name: 'firstName', type: 'text' },
      { name: 'address', type: 'group', flattenedFields: [{ name: 'postcode', type: 'text', custom: { encrypted: true } }, { name: 'note', type: 'text' }] },
      { name: 'dateOfBirth', type: 'text', custom: { encrypted: true } },
    ],
    events: [{ name: 'proposedBy', type: 'relationship', relationTo: 'users' }, { name: 'title', type: 'text' }],
  }
  const fieldsOf = (slug: string) => fields[slug] as never

  it('refuses a path through a relationship into a collection the asker cannot read in full', async () => {
    expect(await refusePath('shifts', 'assigned.member.phone', user(), fieldsOf)).toMatch(/reaches into users/)
    expect(await refusePath('events', 'proposedBy.email', null, fieldsOf)).toMatch(/reaches into users/)
    expect(await refusePath('shifts', 'assigned.member.phone', user('volunteers'), fieldsOf)).toBeNull()
  })

  it('allows a path that stops at the relationship (its id is the document’s own)', async () => {
    expect(await refusePath('shifts', 'assigned.member', user(), fieldsOf)).toBeNull()
    expect(await refusePath('events', 'proposedBy.id', null, fieldsOf)).toBeNull()
  })

  it('refuses a field the asker cannot read at the end of an allowed path', async () => {
    expect(await refusePath('shifts', 'assigned.member.internalNotes', user('volunteers'), fieldsOf)).toMatch(/not readable/)
    expect(await refusePath('events', 'proposedBy__apiKey', user('superuser'), fieldsOf)).toMatch(/not readable/)
  })

  it('checks sorts as filters, and bounds the where', async () => {
    expect((await checkQuery({ collection: 'events', actor: null, sort: '-proposedBy.phone', fieldsOf }))?.status).toBe(403)
    const inList = { title: { in: Array.from({ length: 201 }, (_, i) => `${i}`) } }
    expect((await checkQuery({ collection: 'events', actor: user('admin'), where: inList, fieldsOf }))?.status).toBe(400)
    let deep: Record<string, unknown> = { title: { equals: 'x' } }
    for (let i = 0; i < 5; i++) deep = { or: [deep] }
    expect(await checkQuery({ collection: 'events', actor: user('admin'), where: deep, fieldsOf })).toBeNull()
    expect((await checkQuery({ collection: 'events', actor: user('admin'), where: { and: [deep] }, fieldsOf }))?.status).toBe(400)
  })

  it('refuses with 400 a filter or sort on an encrypted field, here or through a relationship; 403 first when the asker may not look at all', async () => {
    const admin = user('admin')
    const filter = await checkQuery({ collection: 'users', actor: admin, where: { 'address.postcode': { like: 'SA' } }, fieldsOf })
    expect(filter).toEqual({ status: 400, message: 'You cannot filter on "address.postcode": users.address.postcode is stored encrypted, so it cannot be searched or sorted.' })
    expect((await checkQuery({ collection: 'users', actor: admin, sort: ['firstName', '-dateOfBirth'], fieldsOf }))?.message).toMatch(/cannot sort on "dateOfBirth"/)
    expect((await checkQuery({ collection: 'events', actor: admin, where: { or: [{ title: { equals: 'x' } }, { 'proposedBy.dateOfBirth': { exists: true } }] }, fieldsOf }))?.status).toBe(400)
    expect((await checkQuery({ collection: 'events', actor: null, where: { 'proposedBy.dateOfBirth': { exists: true } }, fieldsOf }))?.status).toBe(403)
    // the group's other fields and the relationship's own value still filter
    expect(await checkQuery({ collection: 'users', actor: admin, where: { 'address.note': { equals: 'x' } }, sort: 'firstName', fieldsOf })).toBeNull()
    expect(await checkQuery({ collection: 'events', actor: admin, where: { proposedBy: { equals: 3 } }, fieldsOf })).toBeNull()
  })
})

describe('settings', () => {
  it('is read in full by admins, changed by superusers only', () => {
    expect(canGlobal('settings', user('admin'), 'read')).toBe(true)
    expect(canGlobal('settings', user('admin'), 'update')).toBe(false)
    expect(canGlobal('settings', user('superuser'), 'update')).toBe(true)
    expect(canGlobal('settings', user('treasurer'), 'read')).toBe(false)
    expect(canGlobal('settings', null, 'read')).toBe(false)
  })
})
