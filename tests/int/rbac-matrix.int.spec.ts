/**
 * The RBAC matrix through REST: every subject (each role, and anonymous) × every collection
 * that exists × every operation, with the outcome SPEC §2 expects. The expectations are
 * written out here by hand, not read from src/access/matrix.ts, so a wrong matrix fails.
 * Adding a collection without adding its row here fails the coverage test below.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { GRAPHQL_POST } from '@payloadcms/next/routes'

import { openKeyFor } from '@/membership/transitions'

import { asUpload, makePng } from '../fixtures/images'
import { MINIMAL_PDF } from '../fixtures/pdf'

import { bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

type Subject = 'anonymous' | 'member' | 'superuser' | 'admin' | 'treasurer' | 'secretary' | 'events' | 'volunteers'
type Outcome = 'allow' | 'own' | 'public' | 'deny'
type Row = Record<'create' | 'read' | 'update' | 'delete', Outcome>

const SUBJECTS: Subject[] = ['anonymous', 'member', 'superuser', 'admin', 'treasurer', 'secretary', 'events', 'volunteers']
const all: Row = { create: 'allow', read: 'allow', update: 'allow', delete: 'allow' }
/** Anyone signed in may reply to an event they can see, and change their own reply. */
const ownReply: Row = { create: 'own', read: 'own', update: 'own', delete: 'deny' }
/**
 * Members may propose events (their proposal is theirs), and change a proposal of theirs that was
 * rejected (to resubmit it); otherwise they read what their membership allows.
 */
const proposer: Row = { create: 'own', read: 'public', update: 'own', delete: 'deny' }
const none: Row = { create: 'deny', read: 'deny', update: 'deny', delete: 'deny' }
const readOnly: Row = { create: 'deny', read: 'allow', update: 'deny', delete: 'deny' }
const publicOnly: Row = { create: 'deny', read: 'public', update: 'deny', delete: 'deny' }
const ownReadOnly: Row = { create: 'deny', read: 'own', update: 'deny', delete: 'deny' }
/** Anyone signed in may upload their own certificates and read them (coordinators verify them). */
const ownUpload: Row = { create: 'own', read: 'own', update: 'deny', delete: 'deny' }
/** Anyone signed in may ask to be emailed when an event's registration opens, and withdraw it. */
const ownAlert: Row = { create: 'own', read: 'own', update: 'deny', delete: 'own' }
/** Anyone signed in keeps their own availability record. */
const ownRecord: Row = { create: 'own', read: 'own', update: 'own', delete: 'own' }
/** Anyone signed in may apply for themself and read their own memberships. */
const ownApplication: Row = { create: 'own', read: 'own', update: 'deny', delete: 'deny' }
/** A history: rows are added and read, never changed or removed, not even by a superuser. */
const appendOnly: Row = { create: 'allow', read: 'allow', update: 'deny', delete: 'deny' }

/** Anyone may send an inquiry (the contact form) and see nothing of the inbox. */
const sendOnly: Row = { create: 'allow', read: 'deny', update: 'deny', delete: 'deny' }

/** What each subject may do, by collection. */
const EXPECTED: Record<string, Record<Subject, Row>> = {
  users: {
    anonymous: { create: 'allow', read: 'deny', update: 'deny', delete: 'deny' },
    member: { create: 'deny', read: 'own', update: 'own', delete: 'deny' },
    superuser: all,
    admin: all,
    secretary: { create: 'allow', read: 'allow', update: 'allow', delete: 'deny' },
    treasurer: readOnly,
    events: readOnly,
    volunteers: readOnly,
  },
  tiers: {
    anonymous: publicOnly,
    member: publicOnly,
    superuser: all,
    admin: all,
    secretary: readOnly,
    treasurer: readOnly,
    events: publicOnly,
    volunteers: publicOnly,
  },
  memberships: {
    anonymous: { create: 'deny', read: 'deny', update: 'deny', delete: 'deny' },
    member: ownApplication,
    superuser: all,
    admin: all,
    secretary: { create: 'allow', read: 'allow', update: 'allow', delete: 'deny' },
    treasurer: { create: 'own', read: 'allow', update: 'deny', delete: 'deny' },
    events: ownApplication,
    volunteers: ownApplication,
  },
  payments: {
    anonymous: { create: 'deny', read: 'deny', update: 'deny', delete: 'deny' },
    member: ownReadOnly,
    superuser: all,
    admin: { create: 'allow', read: 'allow', update: 'allow', delete: 'deny' },
    treasurer: { create: 'allow', read: 'allow', update: 'allow', delete: 'deny' },
    secretary: readOnly,
    events: ownReadOnly,
    volunteers: ownReadOnly,
  },
  events: {
    anonymous: publicOnly,
    member: proposer, // a signed-in user without a membership sees what visitors see, and may propose
    superuser: all,
    admin: all,
    secretary: all,
    treasurer: proposer,
    events: all,
    volunteers: proposer,
  },
  notices: {
    anonymous: publicOnly,
    member: publicOnly,
    superuser: all,
    admin: all,
    secretary: all,
    treasurer: publicOnly,
    events: all,
    volunteers: publicOnly,
  },
  documents: {
    anonymous: publicOnly,
    member: publicOnly, // a signed-in user without a membership sees what visitors see
    superuser: all,
    admin: all,
    secretary: all,
    treasurer: publicOnly,
    events: publicOnly,
    volunteers: publicOnly,
  },
  media: {
    // images illustrate public pages; the teams that publish events and notices upload them
    anonymous: readOnly,
    member: readOnly,
    superuser: all,
    admin: all,
    secretary: all,
    treasurer: readOnly,
    events: all,
    volunteers: readOnly,
  },
  rsvps: {
    anonymous: none,
    member: ownReply,
    superuser: all,
    admin: all,
    secretary: { create: 'own', read: 'allow', update: 'own', delete: 'deny' },
    treasurer: ownReply,
    events: all,
    volunteers: ownReply,
  },
  'registration-alerts': {
    anonymous: none,
    member: ownAlert,
    superuser: all,
    admin: all,
    secretary: { create: 'own', read: 'allow', update: 'deny', delete: 'own' },
    treasurer: ownAlert,
    events: all,
    volunteers: ownAlert,
  },
  'payment-events': {
    anonymous: none,
    member: none,
    superuser: all,
    admin: readOnly,
    secretary: none,
    treasurer: readOnly,
    events: none,
    volunteers: none,
  },
  'email-templates': {
    anonymous: none,
    member: none,
    superuser: all,
    admin: { create: 'deny', read: 'allow', update: 'allow', delete: 'deny' },
    secretary: { create: 'deny', read: 'allow', update: 'allow', delete: 'deny' },
    treasurer: none,
    events: none,
    volunteers: none,
  },
  'audit-entries': {
    anonymous: none,
    member: none,
    superuser: all,
    admin: readOnly,
    secretary: none,
    treasurer: none,
    events: none,
    volunteers: none,
  },
  notifications: {
    anonymous: none,
    member: none,
    superuser: all,
    admin: readOnly,
    secretary: readOnly,
    treasurer: readOnly,
    events: none,
    volunteers: none,
  },
  reminders: {
    anonymous: none,
    member: none,
    superuser: all,
    admin: readOnly,
    secretary: readOnly,
    treasurer: none,
    events: none,
    volunteers: none,
  },
  'volunteer-roles': {
    anonymous: none,
    member: readOnly,
    superuser: all,
    admin: all,
    secretary: readOnly,
    treasurer: readOnly,
    events: readOnly,
    volunteers: all,
  },
  'certificate-types': {
    anonymous: none,
    member: readOnly,
    superuser: all,
    admin: all,
    secretary: readOnly,
    treasurer: readOnly,
    events: readOnly,
    volunteers: all,
  },
  certificates: {
    anonymous: none,
    member: ownUpload,
    superuser: all,
    admin: all,
    secretary: ownUpload,
    treasurer: ownUpload,
    events: ownUpload,
    volunteers: all,
  },
  'volunteer-assignments': {
    anonymous: none,
    member: ownReadOnly,
    superuser: all,
    admin: all,
    secretary: ownReadOnly,
    treasurer: ownReadOnly,
    events: ownReadOnly,
    volunteers: all,
  },
  shifts: {
    anonymous: none,
    member: readOnly,
    superuser: all,
    admin: all,
    secretary: readOnly,
    treasurer: readOnly,
    events: readOnly,
    volunteers: all,
  },
  availability: {
    anonymous: none,
    member: ownRecord,
    superuser: all,
    admin: all,
    secretary: ownRecord,
    treasurer: ownRecord,
    events: ownRecord,
    volunteers: { create: 'own', read: 'allow', update: 'own', delete: 'own' },
  },
  'certificate-reminders': {
    anonymous: none,
    member: none,
    superuser: all,
    admin: readOnly,
    secretary: none,
    treasurer: none,
    events: none,
    volunteers: readOnly,
  },
  'member-fields': {
    // admins define custom member fields; staff who read people read them all; members read those shown to members
    anonymous: none,
    member: publicOnly,
    superuser: all,
    admin: all,
    secretary: readOnly,
    treasurer: readOnly,
    events: readOnly,
    volunteers: readOnly,
  },
  'member-imports': {
    // imports of people from a spreadsheet: those who manage people (the secretary does not delete them)
    anonymous: none,
    member: none,
    superuser: all,
    admin: all,
    secretary: { create: 'allow', read: 'allow', update: 'allow', delete: 'deny' },
    treasurer: none,
    events: none,
    volunteers: none,
  },
  consents: {
    // a member's own choices are recorded by the site (sign-up, portal), never posted by them
    anonymous: none,
    member: ownReadOnly,
    superuser: appendOnly,
    admin: appendOnly,
    secretary: appendOnly,
    treasurer: ownReadOnly,
    events: ownReadOnly,
    volunteers: ownReadOnly,
  },
  'sign-in-events': {
    // recorded by Hangar alone: everyone signed in reads their own, admins read all, nobody writes
    anonymous: none,
    member: ownReadOnly,
    superuser: readOnly,
    admin: readOnly,
    secretary: ownReadOnly,
    treasurer: ownReadOnly,
    events: ownReadOnly,
    volunteers: ownReadOnly,
  },
  inquiries: {
    // anyone sends one through the contact form (POST /api/inquiries); the secretary and admins work the inbox
    anonymous: sendOnly,
    member: sendOnly,
    superuser: all,
    admin: all,
    secretary: { create: 'allow', read: 'allow', update: 'allow', delete: 'deny' },
    treasurer: sendOnly,
    events: sendOnly,
    volunteers: sendOnly,
  },
  'inquiry-templates': {
    anonymous: none,
    member: none,
    superuser: all,
    admin: all,
    secretary: all,
    treasurer: none,
    events: none,
    volunteers: none,
  },
  'registrant-messages': {
    // messages sent to an event's registrant list: written by its endpoint alone, read by those who read every RSVP
    anonymous: none,
    member: none,
    superuser: readOnly,
    admin: readOnly,
    secretary: readOnly,
    treasurer: none,
    events: readOnly,
    volunteers: none,
  },
}

/**
 * How to make a valid new document of each collection (one that is not public, where that
 * applies), a public one for collections with public documents, and a harmless change.
 */
type Data = Record<string, unknown>
type Fixture = {
  create: () => Data | Promise<Data>
  createPublic?: () => Data | Promise<Data>
  /** a document belonging to the given user, for collections with `own` rows (default: the user) */
  ownedBy?: (userId: number | string) => Promise<number | string>
  update: Data
  /** the field naming whose a new document is, for `own` creates (default: member) */
  owner?: string
  /** upload collections: the file that goes with a new document */
  file?: { data: Buffer; mimetype: string; name: string; size: number }
  /** every test needs a document of its own (making one removes others) */
  unshared?: true
}
const PDF_FILE = { data: MINIMAL_PDF, mimetype: 'application/pdf', name: 'certificate.pdf', size: MINIMAL_PDF.length }
let serial = 0
const FIXTURES: Record<string, Fixture> = {
  users: {
    create: () => ({ email: uniqueEmail('new'), password: 'a-long-password', firstName: 'New', lastName: 'Person', acceptPrivacyPolicy: true }),
    update: { phone: '+441792485555' }, // as stored: numbers are kept in E.164
  },
  tiers: {
    create: () => ({ name: `Private tier ${++serial}`, fee: 1200, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }),
    createPublic: () => ({ name: `Public tier ${++serial}`, fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true }),
    update: { description: 'Changed by the RBAC test' },
  },
  memberships: {
    // a fresh tier and applicant each time, so no one ever holds two open memberships of a tier
    create: async () => ({ tier: await newTierId(), member: (await newMemberId()) }),
    ownedBy: async (userId) =>
      (await payload.create({ collection: 'memberships', data: { tier: await newTierId(), member: userId } as never })).id,
    update: { internalNotes: 'Changed by the RBAC test' },
  },
  payments: {
    // a cash entry for a fresh membership awaiting payment (tier fee 500)
    create: async () => {
      const member = await newMemberId()
      const membership = await payload.create({ collection: 'memberships', data: { tier: await newTierId(), member } as never })
      return { membership: membership.id, member, method: 'cash', amount: 500, currency: 'GBP' }
    },
    ownedBy: async (userId) =>
      (await payload.create({ collection: 'payments', data: { member: userId, amount: 500, currency: 'GBP', method: 'cash', purpose: 'donation' } as never })).id,
    update: { notes: 'Changed by the RBAC test' },
  },
  'email-templates': {
    // every key is seeded at start-up, so a new one needs its key freed first
    unshared: true,
    create: async () => {
      const { docs } = await payload.find({ collection: 'email-templates', limit: 1, sort: '-createdAt', depth: 0 })
      const { key, label, subject, body } = docs[0]!
      await payload.delete({ collection: 'email-templates', id: docs[0]!.id })
      return { key, label, subject, body }
    },
    update: { subject: 'Changed by the RBAC test' },
  },
  events: {
    create: () => ({ title: `Committee meeting ${++serial}`, startsAt: '2030-01-10T18:00:00.000Z', status: 'draft', audience: 'members' }),
    createPublic: () => ({ title: `Open day ${++serial}`, startsAt: '2030-01-10T18:00:00.000Z', status: 'published', audience: 'public' }),
    update: { summary: 'Changed by the RBAC test' },
    owner: 'proposedBy',
    // the subject's own proposal, sent back to them rejected: theirs to change and resubmit
    ownedBy: async (userId) =>
      (await payload.create({ collection: 'events', data: { title: `Proposal ${++serial}`, startsAt: '2030-01-10T18:00:00.000Z', status: 'rejected', audience: 'members', proposedBy: userId, decisionReason: 'Not this year.' } as never })).id,
  },
  rsvps: {
    // a reply to a fresh public event (unlimited places), so nobody ever replies twice
    create: async () => ({ event: await newPublicEventId(), member: await newMemberId() }),
    ownedBy: async (userId) => (await payload.create({ collection: 'rsvps', data: { event: await newPublicEventId(), member: userId } as never })).id,
    update: { guests: 1 },
  },
  'registration-alerts': {
    // a fresh public event whose registration opens next year, so nobody asks twice
    create: async () => ({ event: await newNotYetOpenEventId(), member: await newMemberId() }),
    ownedBy: async (userId) => (await payload.create({ collection: 'registration-alerts', data: { event: await newNotYetOpenEventId(), member: userId } as never })).id,
    // staff mark a member told another way (or clear it to email them again)
    update: { sentAt: '2030-01-02T03:04:05.000Z' },
  },
  notices: {
    create: () => ({ title: `Committee notice ${++serial}`, body: richText('For members'), status: 'draft', audience: 'members', publishAt: '2020-01-01T00:00:00.000Z' }),
    createPublic: () => ({ title: `Public notice ${++serial}`, body: richText('For everyone'), status: 'published', audience: 'public', publishAt: '2020-01-01T00:00:00.000Z' }),
    update: { title: 'Changed by the RBAC test' },
  },
  documents: {
    create: () => ({ title: `Minutes ${++serial}`, category: 'minutes', audience: 'members' }),
    createPublic: () => ({ title: `Public form ${++serial}`, category: 'forms', audience: 'public' }),
    update: { description: 'Changed by the RBAC test' },
    file: { data: Buffer.from('plain text document'), mimetype: 'text/plain', name: 'notes.txt', size: 19 },
  },
  media: {
    create: () => ({ alt: `Hangar photo ${++serial}` }),
    update: { alt: 'Changed by the RBAC test' },
    file: asUpload(await makePng(8, 8), 'photo.png'),
  },
  'payment-events': {
    create: () => ({ provider: 'square', eventId: `evt-${++serial}`, type: 'payment.updated', payload: { test: true }, receivedAt: new Date().toISOString(), status: 'received' }),
    update: { note: 'Changed by the RBAC test' },
  },
  'audit-entries': {
    create: async () => ({ collection: 'users', document: await newMemberId(), operation: 'update', summary: `Entry ${++serial}` }),
    update: { summary: 'Changed by the RBAC test' },
  },
  notifications: {
    create: () => ({ recipient: uniqueEmail('to'), subject: `Notification ${++serial}`, status: 'sent' }),
    update: { error: 'Changed by the RBAC test' },
  },
  reminders: {
    create: async () => {
      const member = await newMemberId()
      const membership = await payload.create({ collection: 'memberships', data: { tier: await newTierId(), member } as never })
      return { membership: membership.id, member, periodEnd: '2027-01-01T00:00:00.000Z', step: 'before-30', offset: -30 }
    },
    update: { step: 'before-14' },
  },
  'volunteer-roles': {
    create: () => ({ name: `Role ${++serial}`, description: 'A role made by the RBAC test' }),
    update: { description: 'Changed by the RBAC test' },
  },
  'certificate-types': {
    create: () => ({ name: `Certificate type ${++serial}`, validityMonths: 12 }),
    update: { description: 'Changed by the RBAC test' },
  },
  certificates: {
    create: async () => ({ member: await newMemberId(), type: await certificateTypeId(), issuedOn: '2026-01-01T00:00:00.000Z' }),
    ownedBy: async (userId) =>
      (await payload.create({ collection: 'certificates', data: { member: userId, type: await certificateTypeId(), issuedOn: '2026-01-01T00:00:00.000Z' } as never, file: PDF_FILE })).id,
    update: { reference: 'Changed by the RBAC test' },
    file: PDF_FILE,
  },
  'volunteer-assignments': {
    // a current member and a role that needs no certificate, so the assignment is allowed
    create: async () => ({ member: await currentMemberId(), role: await openRoleId() }),
    ownedBy: async (userId) => {
      await ensureCurrentMembership(userId)
      return (await payload.create({ collection: 'volunteer-assignments', data: { member: userId, role: await openRoleId() } as never })).id
    },
    update: { notes: 'Changed by the RBAC test' },
  },
  shifts: {
    create: async () => ({ role: await openRoleId(), startsAt: '2030-05-01T09:00:00.000Z', endsAt: '2030-05-01T13:00:00.000Z', peopleNeeded: 2 }),
    update: { location: 'Changed by the RBAC test' },
  },
  availability: {
    create: async () => ({ member: await newMemberId(), weekly: [{ day: 'sat', from: '09:00', to: '17:00' }] }),
    // one record per member: the subject's own, made once (their own create may already have made it)
    ownedBy: async (userId) => {
      const { docs } = await payload.find({ collection: 'availability', where: { member: { equals: userId } }, depth: 0 })
      return docs[0]?.id ?? (await payload.create({ collection: 'availability', data: { member: userId } as never })).id
    },
    update: { notes: 'Changed by the RBAC test' },
  },
  'certificate-reminders': {
    create: async () => {
      const member = await newMemberId()
      const certificate = await payload.create({ collection: 'certificates', data: { member, type: await certificateTypeId(), issuedOn: '2026-01-01T00:00:00.000Z' } as never, file: PDF_FILE })
      return { certificate: certificate.id, member, expiresOn: '2027-01-01T00:00:00.000Z', daysBefore: 30 }
    },
    update: { daysBefore: 7 },
  },
  'member-fields': {
    create: () => ({ label: `Staff field ${++serial}`, type: 'text', visibleTo: 'staff' }),
    createPublic: () => ({ label: `Member field ${++serial}`, type: 'text' }),
    update: { helpText: 'Changed by the RBAC test' },
  },
  'member-imports': {
    create: () => ({ csv: 'Email,Name\nrbac.import@example.org,Rbac Import\n', filename: 'rbac.csv', mode: 'create' }),
    update: { options: { sendWelcome: true, sendReceipts: false, dateOrder: 'dmy' } },
  },
  consents: {
    create: async () => ({ person: await newMemberId(), kind: 'marketing', granted: true }),
    ownedBy: async (userId) => (await payload.create({ collection: 'consents', data: { person: userId, kind: 'directory', granted: true } as never })).id,
    update: { note: 'Changed by the RBAC test' },
  },
  'sign-in-events': {
    create: async () => ({ person: await newMemberId(), method: 'password', succeeded: true, address: '192.0.2.1' }),
    ownedBy: async (userId) => (await payload.create({ collection: 'sign-in-events', data: { person: userId, method: 'link', succeeded: true, address: '192.0.2.2' } as never })).id,
    update: { address: '192.0.2.3' },
  },
  inquiries: {
    create: () => ({ name: 'Rbac Visitor', email: uniqueEmail('inquiry'), subject: `Question ${++serial}`, message: 'How do I join?', type: 'joining' }),
    update: { internalNotes: 'Changed by the RBAC test' },
  },
  'inquiry-templates': {
    create: () => ({ name: `Template ${++serial}`, inquiryType: 'joining', subject: 'Re: {{inquiry.subject}}', body: 'Dear {{contact.name}}' }),
    update: { name: 'Changed by the RBAC test' },
  },
  'registrant-messages': {
    create: async () => ({ event: await newPublicEventId(), subject: `Message ${++serial}`, message: 'Hello', recipients: 0, idempotencyKey: `rbac-message-${++serial}` }),
    update: { subject: 'Changed by the RBAC test' },
  },
}

async function newTierId() {
  return (await payload.create({ collection: 'tiers', data: FIXTURES.tiers!.createPublic!() as never })).id
}
function richText(text: string) {
  const node = { direction: null, format: '', indent: 0, version: 1 }
  return { root: { ...node, type: 'root', children: [{ ...node, type: 'paragraph', children: [{ type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' }] }] } }
}

function asMultipart(data: Data, file: NonNullable<Fixture['file']>): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimetype }), file.name)
  form.append('_payload', JSON.stringify(data))
  return form
}

async function newPublicEventId() {
  return (await payload.create({ collection: 'events', data: FIXTURES.events!.createPublic!() as never })).id
}
async function newNotYetOpenEventId() {
  const event = { ...(FIXTURES.events!.createPublic!() as object), registrationOpensAt: new Date(Date.now() + 365 * 86_400_000).toISOString() }
  return (await payload.create({ collection: 'events', data: event as never })).id
}
async function newMemberId() {
  return (await payload.create({ collection: 'users', data: (await FIXTURES.users!.create()) as never })).id
}
let certificateType: number | undefined
async function certificateTypeId() {
  certificateType ??= (await payload.create({ collection: 'certificate-types', data: { name: 'RBAC certificate', validityMonths: 12 } })).id
  return certificateType
}
let openRole: number | undefined
async function openRoleId() {
  openRole ??= (await payload.create({ collection: 'volunteer-roles', data: { name: 'RBAC role', requiredCertificates: [] } })).id
  return openRole
}
/** Makes the user a current member (an active membership of a fresh tier), as role assignments need. */
async function ensureCurrentMembership(userId: number | string) {
  const tier = await newTierId()
  const membership = await payload.create({ collection: 'memberships', data: { tier, member: userId } as never, depth: 0 })
  await payload.update({
    collection: 'memberships',
    id: membership.id,
    data: { status: 'active', periodStart: '2026-01-01T00:00:00.000Z', periodEnd: '2099-01-01T00:00:00.000Z', openKey: openKeyFor('active', userId, tier) },
    depth: 0,
  })
}
async function currentMemberId() {
  const id = await newMemberId()
  await ensureCurrentMembership(id)
  return id
}

const INTERNAL = ['payload-preferences', 'payload-migrations', 'payload-locked-documents', 'payload-kv', 'payload-jobs']

let payload: Payload
const tokens: Partial<Record<Subject, string>> = {}
const ids: Partial<Record<Subject, number | string>> = {}

async function freshDoc(collection: string, make: 'create' | 'createPublic' = 'create') {
  const fixture = FIXTURES[collection]!
  const doc = await payload.create({ collection: collection as 'users', data: (await fixture[make]!()) as never, file: fixture.file })
  return doc.id
}

/** One document per collection that nobody under test owns, read by every subject (reads change nothing). */
const shared = new Map<string, Promise<number | string>>()
function sharedDoc(collection: string) {
  if (FIXTURES[collection]!.unshared) return freshDoc(collection)
  if (!shared.has(collection)) shared.set(collection, freshDoc(collection))
  return shared.get(collection)!
}

async function ownDoc(collection: string, subject: Subject) {
  const ownedBy = FIXTURES[collection]!.ownedBy
  return ownedBy ? ownedBy(ids[subject]!) : ids[subject]!
}

beforeAll(async () => {
  payload = await bootPayload()
  for (const subject of SUBJECTS) {
    if (subject === 'anonymous') continue
    const { user, token } = await createUser(payload, subject === 'member' ? ['member'] : [subject, 'member'])
    tokens[subject] = token
    ids[subject] = user.id
  }
})

describe('coverage', () => {
  it('has expectations for every collection in the config', () => {
    const collections = payload.config.collections.map((c) => c.slug).filter((slug) => !INTERNAL.includes(slug))
    expect(Object.keys(EXPECTED).sort()).toEqual(collections.sort())
  })
})

for (const [collection, rows] of Object.entries(EXPECTED)) {
  describe(`${collection}`, () => {
    for (const subject of SUBJECTS) {
      const row = rows[subject]
      const token = () => tokens[subject]

      it(`${subject}: create → ${row.create}`, async () => {
        const fixture = FIXTURES[collection]!
        const data = await fixture.create()
        const body = fixture.file ? asMultipart(data, fixture.file) : data
        const before = await payload.count({ collection: collection as 'users' })
        const res = await rest('POST', `/${collection}`, { body, token: token() })
        const after = await payload.count({ collection: collection as 'users' })
        if (row.create === 'deny') {
          expect(res.status).toBe(403)
          expect(after.totalDocs).toBe(before.totalDocs)
        } else {
          expect(res.status).toBe(201)
          expect(after.totalDocs).toBe(before.totalDocs + 1)
          if (row.create === 'own') {
            // whatever the body said, the new document is the requester's
            const owner = res.body.doc[FIXTURES[collection]!.owner ?? 'member']
            expect(typeof owner === 'object' ? owner.id : owner).toBe(ids[subject])
          }
        }
      })

      it(`${subject}: read → ${row.read}`, async () => {
        const other = await sharedDoc(collection)
        const mine = row.read === 'own' ? await ownDoc(collection, subject) : undefined
        const list = await rest('GET', `/${collection}?limit=1000&depth=0`, { token: token() })
        const single = await rest('GET', `/${collection}/${other}?depth=0`, { token: token() })
        if (row.read === 'deny') {
          expect(list.status).toBe(403)
          expect([403, 404]).toContain(single.status)
          return
        }
        expect(list.status).toBe(200)
        const listed = list.body.docs.map((d: { id: unknown }) => d.id)
        if (row.read === 'public') {
          const shown = await freshDoc(collection, 'createPublic')
          const again = await rest('GET', `/${collection}?limit=1000&depth=0`, { token: token() })
          const ids = again.body.docs.map((d: { id: unknown }) => d.id)
          expect(ids).toContain(shown)
          expect(ids).not.toContain(other)
          expect([403, 404]).toContain(single.status)
          return
        }
        if (row.read === 'allow') {
          expect(listed).toContain(other)
          expect(single.status).toBe(200)
        } else {
          expect(listed).not.toContain(other)
          expect(listed).toContain(mine)
          expect([403, 404]).toContain(single.status)
          const own = await rest('GET', `/${collection}/${mine}?depth=0`, { token: token() })
          expect(own.status).toBe(200)
        }
      })

      it(`${subject}: update → ${row.update}`, async () => {
        // a refused update changes nothing, so those share the read document
        const other = row.update === 'allow' ? await freshDoc(collection) : await sharedDoc(collection)
        const change = FIXTURES[collection]!.update
        const res = await rest('PATCH', `/${collection}/${other}`, { body: change, token: token() })
        const stored = await payload.findByID({ collection: collection as 'users', id: other, depth: 0 })
        const [field, value] = Object.entries(change)[0]!
        if (row.update === 'allow') {
          expect(res.status).toBe(200)
          expect((stored as unknown as Record<string, unknown>)[field]).toEqual(value)
        } else {
          expect([403, 404]).toContain(res.status)
          expect((stored as unknown as Record<string, unknown>)[field]).not.toEqual(value)
        }
        if (row.update === 'own') {
          const own = await rest('PATCH', `/${collection}/${await ownDoc(collection, subject)}`, { body: change, token: token() })
          expect(own.status).toBe(200)
        }
      })

      it(`${subject}: delete → ${row.delete}`, async () => {
        const other = row.delete === 'allow' ? await freshDoc(collection) : await sharedDoc(collection)
        const res = await rest('DELETE', `/${collection}/${other}`, { token: token() })
        const left = await payload.count({ collection: collection as 'users', where: { id: { equals: other } } })
        if (row.delete === 'allow') {
          expect(res.status).toBe(200)
          expect(left.totalDocs).toBe(0)
        } else {
          expect([403, 404]).toContain(res.status)
          expect(left.totalDocs).toBe(1)
        }
      })
    }
  })
}

describe('settings (global)', () => {
  const PUBLIC_FIELDS = ['organisationName', 'currency']
  const FULL_READERS: Subject[] = ['superuser', 'admin']

  for (const subject of SUBJECTS) {
    it(`${subject}: reads ${FULL_READERS.includes(subject) ? 'every field' : 'only the public fields'}`, async () => {
      const res = await rest('GET', '/globals/settings', { token: tokens[subject] })
      expect(res.status).toBe(200)
      for (const field of PUBLIC_FIELDS) expect(res.body).toHaveProperty(field)
      if (FULL_READERS.includes(subject)) {
        expect(res.body).toHaveProperty('membershipNumberPrefix')
      } else {
        expect(res.body).not.toHaveProperty('membershipNumberPrefix')
        expect(res.body).not.toHaveProperty('emailFromAddress')
      }
    })

    it(`${subject}: ${subject === 'superuser' ? 'may' : 'may not'} change settings`, async () => {
      const name = `Org ${subject}`
      const res = await rest('POST', '/globals/settings', { body: { organisationName: name }, token: tokens[subject] })
      const stored = await payload.findGlobal({ slug: 'settings' })
      if (subject === 'superuser') {
        expect(res.status).toBe(200)
        expect(stored.organisationName).toBe(name)
      } else {
        expect(res.status).toBe(403)
        expect(stored.organisationName).not.toBe(name)
      }
    })
  }
})

/**
 * Email verification (issue 15, point 3): who may mark a person's address verified by hand or send
 * them a new link (the auth operation matrix's `verifyEmail`), and that nobody, not even a
 * superuser, writes the verified date or the link's fields through the API.
 */
describe('email verification', () => {
  const VERIFIERS: Subject[] = ['superuser', 'admin', 'secretary']
  const unverifiedPerson = async () =>
    (await payload.create({ collection: 'users', data: { ...(await FIXTURES.users!.create()), emailVerifiedAt: null } as never })).id as number
  const verifiedAtOf = async (id: number) => (await payload.findByID({ collection: 'users', id, depth: 0 })).emailVerifiedAt ?? null

  for (const subject of SUBJECTS) {
    const may = VERIFIERS.includes(subject)
    it(`${subject}: ${may ? 'may' : 'may not'} mark an address verified or send a new link`, async () => {
      const id = await unverifiedPerson()
      const links = async () => (await payload.count({ collection: 'notifications', where: { and: [{ template: { equals: 'verify-email' } }, { relatedTo: { equals: { relationTo: 'users', value: id } } }] } })).totalDocs
      const sent = await rest('POST', `/users/${id}/send-verification-email`, { token: tokens[subject], body: {} })
      const marked = await rest('POST', `/users/${id}/mark-email-verified`, { token: tokens[subject], body: {} })
      if (may) {
        expect([sent.status, marked.status]).toEqual([202, 200])
        expect(await links()).toBe(1)
        expect(await verifiedAtOf(id)).toBeTruthy()
      } else {
        const refused = subject === 'anonymous' ? 401 : 403
        expect([sent.status, marked.status]).toEqual([refused, refused])
        expect(await links()).toBe(0)
        expect(await verifiedAtOf(id)).toBeNull()
      }
    })

    it(`${subject}: cannot write the verified date or the link’s fields through REST`, async () => {
      const id = await unverifiedPerson()
      const forged = { emailVerifiedAt: '2026-01-01T00:00:00.000Z', emailVerificationTokenHash: 'b'.repeat(64), emailVerificationExpiresAt: '2099-01-01T00:00:00.000Z' }
      await rest('PATCH', `/users/${id}`, { token: tokens[subject], body: forged })
      const after = await payload.findByID({ collection: 'users', id, depth: 0, showHiddenFields: true })
      expect(after.emailVerifiedAt ?? null).toBeNull()
      expect(after.emailVerificationTokenHash ?? null).toBeNull()
      const data = await FIXTURES.users!.create()
      await rest('POST', '/users?depth=0', { token: tokens[subject], body: { ...data, ...forged } })
      const { docs } = await payload.find({ collection: 'users', where: { email: { equals: data.email } }, depth: 0, showHiddenFields: true })
      for (const made of docs) {
        expect(made.emailVerifiedAt).not.toBe(forged.emailVerifiedAt)
        expect(made.emailVerificationTokenHash).not.toBe(forged.emailVerificationTokenHash)
      }
      // a visitor signing up is left to confirm; staff creating someone make them verified (now, not the forged date)
      if (subject === 'anonymous') expect(docs[0]?.emailVerifiedAt ?? null).toBeNull()
    })
  }
})

describe('GraphQL enforces the same rules', () => {
  async function graphql(query: string, token?: string) {
    const { default: config } = await import('@payload-config')
    const request = new Request('http://localhost:3000/api/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
      body: JSON.stringify({ query }),
    })
    const response = await GRAPHQL_POST(config)(request)
    return (await response.json()) as { data?: any; errors?: { message: string }[] }
  }

  it('refuses the people list to a visitor and limits a member to themself', async () => {
    const anonymous = await graphql('{ Users { docs { email } } }')
    expect(anonymous.errors?.[0]?.message).toMatch(/not allowed/i)

    const member = await graphql('{ Users { docs { id email } } }', tokens.member)
    expect(member.errors).toBeUndefined()
    expect(member.data.Users.docs.map((d: { id: unknown }) => d.id)).toEqual([ids.member])

    const admin = await graphql('{ Users { totalDocs } }', tokens.admin)
    expect(admin.data.Users.totalDocs).toBeGreaterThan(SUBJECTS.length - 1)
  })
})

/**
 * Field rules (SPEC §2, issue 12 point 9), written out by hand: who sees each protected field
 * on someone else's document. Every field rule of the matrix has a row here.
 */
describe('field rules', () => {
  const FIELD_READERS: { collection: string; field: string; make: () => Promise<number | string>; readers: Subject[] }[] = [
    {
      collection: 'users',
      field: 'internalNotes',
      make: async () => (await payload.create({ collection: 'users', data: { ...(await FIXTURES.users!.create()), internalNotes: 'Note on a person' } as never })).id,
      readers: ['superuser', 'admin', 'secretary'],
    },
    {
      collection: 'users',
      field: 'phone',
      make: async () => (await payload.create({ collection: 'users', data: { ...(await FIXTURES.users!.create()), phone: '029 2018 0666' } as never })).id,
      readers: ['superuser', 'admin', 'secretary', 'treasurer', 'events', 'volunteers'],
    },
    {
      collection: 'users',
      field: 'dateOfBirth',
      make: async () => (await payload.create({ collection: 'users', data: { ...(await FIXTURES.users!.create()), dateOfBirth: '1970-01-02' } as never })).id,
      readers: ['superuser', 'admin', 'secretary', 'treasurer'],
    },
    {
      collection: 'users',
      field: 'address',
      make: async () => (await payload.create({ collection: 'users', data: { ...(await FIXTURES.users!.create()), address: { line1: '9 Hangar Lane' } } as never })).id,
      readers: ['superuser', 'admin', 'secretary', 'treasurer'],
    },
    {
      collection: 'memberships',
      field: 'internalNotes',
      make: async () => (await payload.create({ collection: 'memberships', data: { ...(await FIXTURES.memberships!.create()), internalNotes: 'Note on a membership' } as never })).id,
      readers: ['superuser', 'admin', 'secretary'],
    },
    {
      collection: 'payments',
      field: 'notes',
      make: async () => (await payload.create({ collection: 'payments', data: { ...(await FIXTURES.payments!.create()), notes: 'Note on a payment' } as never })).id,
      readers: ['superuser', 'admin', 'treasurer', 'secretary'],
    },
    {
      collection: 'users',
      field: 'emailVerificationTokenHash',
      make: async () => (await payload.create({ collection: 'users', data: { ...(await FIXTURES.users!.create()), emailVerifiedAt: null, emailVerificationTokenHash: 'c'.repeat(64) } as never })).id,
      readers: [], // the system's alone: not the owner, not a superuser (tests/int/email-verification.int.spec.ts)
    },
    {
      collection: 'users',
      field: 'apiKey',
      make: async () => (await payload.create({ collection: 'users', data: { ...(await FIXTURES.users!.create()), enableAPIKey: true, apiKey: `rbac-key-${++serial}` } as never })).id,
      readers: [], // the owner alone: tested in tests/int/api-keys.int.spec.ts
    },
  ]

  for (const { collection, field, make, readers } of FIELD_READERS) {
    for (const subject of SUBJECTS) {
      const sees = readers.includes(subject)
      it(`${collection}.${field}: ${subject} ${sees ? 'sees it' : 'never sees it'} on another’s document`, async () => {
        const id = await make()
        const single = await rest('GET', `/${collection}/${id}?depth=0`, { token: tokens[subject] })
        const list = await rest('GET', `/${collection}?where[id][equals]=${id}&depth=0`, { token: tokens[subject] })
        const selected = await rest('GET', `/${collection}?where[id][equals]=${id}&select[${field}]=true&depth=0`, { token: tokens[subject] })
        if (sees) {
          expect(single.status).toBe(200)
          expect(single.body[field]).toBeTruthy()
          expect(list.body.docs[0][field]).toBeTruthy()
        } else {
          if (single.status === 200) expect(single.body).not.toHaveProperty(field)
          for (const res of [list, selected]) for (const doc of res.body?.docs ?? []) expect(doc).not.toHaveProperty(field)
          // nor can they ask about it with a filter
          const filtered = await rest('GET', `/${collection}?where[${field}][exists]=true&depth=0`, { token: tokens[subject] })
          expect(filtered.status).toBeGreaterThanOrEqual(400)
          expect(filtered.status).toBeLessThan(500)
        }
      })
    }
  }

  /**
   * Custom member fields (users.customFields, src/members/customFields.ts): a staff-only value is
   * read by those who read a person's private details (not the events or volunteer coordinators)
   * and written by those who update every person; a value members see is the person's own and
   * those staff's. Nobody else reads either.
   */
  const STAFF_READERS: Subject[] = ['superuser', 'admin', 'secretary', 'treasurer']
  const STAFF_WRITERS: Subject[] = ['superuser', 'admin', 'secretary']
  let customKeys: { staff: string; members: string } | undefined
  async function customFieldKeys() {
    if (!customKeys) {
      const staff = await payload.create({ collection: 'member-fields', data: { label: 'RBAC staff value', key: 'rbac_staff', type: 'text', visibleTo: 'staff', editableBy: 'staff' } })
      const members = await payload.create({ collection: 'member-fields', data: { label: 'RBAC member value', key: 'rbac_member', type: 'text', visibleTo: 'members', editableBy: 'members' } })
      customKeys = { staff: staff.key!, members: members.key! }
    }
    return customKeys
  }
  for (const subject of SUBJECTS) {
    const reads = STAFF_READERS.includes(subject)
    const writes = STAFF_WRITERS.includes(subject)
    it(`users.customFields: ${subject} ${reads ? 'reads' : 'never reads'} another’s custom values and ${writes ? 'may' : 'may not'} change them`, async () => {
      const keys = await customFieldKeys()
      const id = await newMemberId()
      await payload.update({ collection: 'users', id, data: { customFields: { [keys.staff]: 'staff-secret', [keys.members]: 'member-shown' } } })
      const single = await rest('GET', `/users/${id}?depth=0`, { token: tokens[subject] })
      const text = JSON.stringify(single.body)
      if (reads) {
        expect(single.body.customFields).toEqual({ [keys.staff]: 'staff-secret', [keys.members]: 'member-shown' })
      } else {
        expect(text).not.toContain('staff-secret')
        expect(text).not.toContain('member-shown')
      }
      const res = await rest('PATCH', `/users/${id}`, { token: tokens[subject], body: { customFields: { [keys.staff]: 'changed' } } })
      const stored = (await payload.findByID({ collection: 'users', id, depth: 0 })).customFields as Record<string, unknown>
      if (writes) {
        expect(res.status).toBe(200)
        expect(stored[keys.staff]).toBe('changed')
      } else {
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
        expect(stored[keys.staff]).toBe('staff-secret')
      }
    })
  }

  it('a member never sees another member’s personal data, not even through a populated relationship', async () => {
    const other = await payload.create({
      collection: 'users',
      data: { ...(await FIXTURES.users!.create()), phone: '029 2018 0555', address: { line1: '5 Private Road' } } as never,
    })
    // the other member appears in things the member can read: a shift roster and a public event they proposed
    const role = await openRoleId()
    await ensureCurrentMembership(other.id)
    await payload.create({
      collection: 'shifts',
      data: { role, startsAt: '2030-06-01T09:00:00.000Z', endsAt: '2030-06-01T13:00:00.000Z', peopleNeeded: 2, assigned: [{ member: other.id, via: 'coordinator' }] } as never,
    })
    await payload.create({ collection: 'events', data: { ...FIXTURES.events!.createPublic!(), proposedBy: other.id } as never })
    for (const path of [`/users/${other.id}`, '/users?limit=1000', '/shifts?depth=2&limit=1000', '/events?depth=2&limit=1000', '/volunteer-roles?depth=2']) {
      const res = await rest('GET', path, { token: tokens.member })
      const body = JSON.stringify(res.body)
      expect(body, path).not.toContain(other.email)
      expect(body, path).not.toContain('2920180555')
      expect(body, path).not.toContain('5 Private Road')
    }
  })
})

/**
 * The reports behind the admin dashboard (issue 16): who may read each, JSON and CSV alike. The
 * treasurer and admins read every report, the secretary those about membership, the events team
 * attendance, volunteer coordinators volunteering; a visitor gets 401, anyone else 403.
 */
describe('reports', () => {
  const REPORT_READERS: Record<string, Subject[]> = {
    members: ['superuser', 'admin', 'treasurer', 'secretary'],
    movement: ['superuser', 'admin', 'treasurer', 'secretary'],
    revenue: ['superuser', 'admin', 'treasurer'],
    outstanding: ['superuser', 'admin', 'treasurer', 'secretary'],
    expiring: ['superuser', 'admin', 'treasurer', 'secretary'],
    attendance: ['superuser', 'admin', 'treasurer', 'events'],
    volunteering: ['superuser', 'admin', 'treasurer', 'volunteers'],
  }

  it('covers every report the API serves', async () => {
    const res = await rest('GET', '/reports/nothing-here', { token: tokens.superuser })
    expect(res.status).toBe(404)
    const named = /The reports are (.*)\./.exec(res.body.errors[0].message)?.[1]?.split(', ')
    expect(named?.sort()).toEqual(Object.keys(REPORT_READERS).sort())
  })

  for (const [name, readers] of Object.entries(REPORT_READERS)) {
    for (const subject of SUBJECTS) {
      const may = readers.includes(subject)
      it(`${name}: ${subject} ${may ? 'reads it' : 'is refused'}`, async () => {
        const json = await rest('GET', `/reports/${name}`, { token: tokens[subject] })
        const csv = await rest('GET', `/reports/${name}?format=csv`, { token: tokens[subject] })
        if (may) {
          expect(json.status).toBe(200)
          expect(json.body.report).toBe(name)
          expect(csv.status).toBe(200)
          expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
        } else {
          const expected = subject === 'anonymous' ? 401 : 403
          expect(json.status).toBe(expected)
          expect(csv.status).toBe(expected)
          if (subject !== 'anonymous') expect(json.body.errors[0].message).toMatch(new RegExp(`^The ${name} report is for superusers, admins`))
        }
      })
    }
  }
})

/**
 * Seed 004's edit lock: once a published event's registration has opened, of those who update every
 * event only superusers and admins change its key fields; the secretary and the events team are refused.
 */
describe('event edit lock', () => {
  const MAY_CHANGE_LOCKED: Subject[] = ['superuser', 'admin']
  for (const subject of ['superuser', 'admin', 'secretary', 'events'] as Subject[]) {
    const may = MAY_CHANGE_LOCKED.includes(subject)
    it(`${subject}: ${may ? 'may' : 'may not'} move a published event whose registration has opened`, async () => {
      const event = await payload.create({
        collection: 'events',
        data: { title: `Locked ${++serial}`, startsAt: '2030-02-10T18:00:00.000Z', status: 'published', audience: 'public', registrationOpensAt: '2026-01-01T00:00:00.000Z' } as never,
      })
      const res = await rest('PATCH', `/events/${event.id}`, { body: { startsAt: '2030-02-11T18:00:00.000Z' }, token: tokens[subject] })
      const stored = await payload.findByID({ collection: 'events', id: event.id, depth: 0 })
      if (may) {
        expect(res.status).toBe(200)
        expect(stored.startsAt).toBe('2030-02-11T18:00:00.000Z')
      } else {
        expect(res.status).toBe(403)
        expect(res.body.errors[0].message).toMatch(/only admins may change its start/)
        expect(stored.startsAt).toBe('2030-02-10T18:00:00.000Z')
      }
    })
  }
})

/** A guest's registration (POST /api/rsvps/guest) is open to anyone, and answered alike whoever asks. */
describe('guest registration', () => {
  for (const subject of SUBJECTS) {
    it(`${subject}: is answered 202 "check your email"`, async () => {
      const event = await payload.create({ collection: 'events', data: { title: `Guest day ${++serial}`, startsAt: '2030-03-10T18:00:00.000Z', status: 'published', audience: 'public' } as never })
      const res = await rest('POST', '/rsvps/guest', { body: { event: event.id, name: 'Sam Guest', email: uniqueEmail('rbac-guest') }, token: tokens[subject], headers: { 'x-hangar-peer-address': `203.0.113.${100 + SUBJECTS.indexOf(subject)}` } })
      expect(res.status).toBe(202)
      expect(res.body.message).toMatch(/Check your email/)
    })
  }
})
