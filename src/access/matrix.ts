/**
 * The permission matrix of SPEC §2: the single source every access function derives from.
 *
 * Reading guide:
 * - A *subject* is a role, or `anonymous` for a visitor who is not signed in. Every signed-in
 *   user is also the subject `member`, whatever other roles they hold.
 * - `superuser` may do everything everywhere; it is not listed per collection.
 * - A grant names the *scope* of documents an operation reaches:
 *     `all`      every document
 *     `own`      documents that belong to the user (the collection says what "belongs" means)
 *     `public`   documents offered to everyone (published, public audience, public tier...)
 *     `audience` documents whose audience includes the user (their active tier, members...)
 *   A collection that is granted a scope other than `all` must tell `collectionAccess` how
 *   to filter for it; a missing filter is a configuration error raised at start-up.
 * - Collections named here before they exist are the contract for later work: when the
 *   collection is added it takes these rules, and the RBAC test starts covering it.
 */
import type { Role } from './roles'
import { ROLES, STAFF_ROLES } from './roles'

export type Operation = 'create' | 'read' | 'update' | 'delete'
export const OPERATIONS: readonly Operation[] = ['create', 'read', 'update', 'delete']

export type Scope = 'all' | 'own' | 'public' | 'audience'
export type Subject = Role | 'anonymous'
export type Grants = Partial<Record<Operation, Scope>>
export type CollectionRules = Partial<Record<Exclude<Subject, 'superuser'>, Grants>>

const manage: Grants = { create: 'all', read: 'all', update: 'all', delete: 'all' }
const edit: Grants = { create: 'all', read: 'all', update: 'all' }
const readAll: Grants = { read: 'all' }

export const collectionMatrix = {
  users: {
    anonymous: { create: 'all' }, // self-registration; the roles field is closed to them
    member: { read: 'own', update: 'own' },
    admin: manage,
    secretary: edit,
    treasurer: readAll,
    events: readAll, // check-in lists need names
    volunteers: readAll,
  },
  tiers: {
    anonymous: { read: 'public' },
    member: { read: 'public' },
    admin: manage,
    secretary: readAll,
    treasurer: readAll,
  },
  memberships: {
    member: { create: 'own', read: 'own' },
    admin: manage,
    secretary: edit,
    treasurer: readAll,
  },
  payments: {
    member: { read: 'own' },
    admin: edit,
    treasurer: edit,
    secretary: readAll,
  },
  'payment-events': {
    admin: readAll,
    treasurer: readAll,
  },
  'email-templates': {
    // one document per template key, seeded at start-up: edited, never added or removed
    admin: { read: 'all', update: 'all' },
    secretary: { read: 'all', update: 'all' },
  },
  // written by hooks/auditTrail.ts only; nobody changes or removes an entry
  'audit-entries': {
    admin: readAll,
  },
  notifications: {
    admin: readAll,
    secretary: readAll,
    treasurer: readAll,
  },
  reminders: {
    admin: readAll,
    secretary: readAll,
  },
  events: {
    anonymous: { read: 'public' },
    // a member's create is a proposal, seen by them and staff until approved; a proposal rejected
    // (sent back with the reason) is theirs to change and resubmit, which makes it a proposal again
    // (collections/events: `own` is their proposal while rejected or a draft, never once proposed or published)
    member: { create: 'own', read: 'audience', update: 'own' },
    admin: manage,
    secretary: manage,
    events: manage,
  },
  rsvps: {
    member: { create: 'own', read: 'own', update: 'own' },
    admin: manage,
    events: manage,
    secretary: readAll,
  },
  // "email me when registration opens": the member's own requests; the events team sees who waits
  'registration-alerts': {
    member: { create: 'own', read: 'own', delete: 'own' },
    admin: manage,
    events: manage,
    secretary: readAll,
  },
  notices: {
    anonymous: { read: 'public' },
    member: { read: 'audience' },
    admin: manage,
    secretary: manage,
    events: manage,
  },
  documents: {
    anonymous: { read: 'public' },
    member: { read: 'audience' },
    admin: manage,
    secretary: manage,
  },
  media: {
    // site images are public; a member's profile photo is theirs (src/members/photo.ts)
    anonymous: { read: 'public' },
    member: { read: 'audience' },
    admin: manage,
    secretary: manage,
    events: manage,
  },
  'volunteer-roles': {
    member: readAll,
    admin: manage,
    volunteers: manage,
  },
  'certificate-types': {
    member: readAll,
    admin: manage,
    volunteers: manage,
  },
  certificates: {
    // members upload their own; a coordinator (the volunteers role) verifies them
    member: { create: 'own', read: 'own' },
    admin: manage,
    volunteers: manage,
  },
  'volunteer-assignments': {
    member: { read: 'own' },
    admin: manage,
    volunteers: manage,
  },
  shifts: {
    member: readAll,
    admin: manage,
    volunteers: manage,
  },
  availability: {
    member: { create: 'own', read: 'own', update: 'own', delete: 'own' },
    admin: manage,
    volunteers: readAll,
  },
  'certificate-reminders': {
    admin: readAll,
    volunteers: readAll,
  },
  // definitions of custom member fields (collections/member-fields): admins define them; the staff
  // who read people read them all (labels for what they see); members read those shown to members
  'member-fields': {
    member: { read: 'audience' },
    admin: manage,
    secretary: readAll,
    treasurer: readAll,
    events: readAll,
    volunteers: readAll,
  },
  consents: {
    // the member's own choices are recorded by the site (sign-up, portal), never written through
    // the API by them; staff record a consent given on paper (it is marked as recorded by staff)
    member: { read: 'own' },
    admin: { create: 'all', read: 'all' },
    secretary: { create: 'all', read: 'all' },
  },
  // imports of people from a spreadsheet (src/members/import): those who manage people; an import
  // that records payments also needs the payments create grant of whoever runs it
  'member-imports': {
    admin: manage,
    secretary: edit,
  },
  // each sign-in and failed attempt (src/security/signInEvents.ts): the person reads their own in the
  // portal, admins read everyone's; Hangar alone writes them (see recordOnlyCollections)
  'sign-in-events': {
    member: { read: 'own' },
    admin: readAll,
  },
  // the inquiry inbox (src/inquiries/, SPEC §14): anyone, signed in or not, sends one through the
  // contact form (POST /api/inquiries, throttled, with a honeypot; never another way); the secretary
  // and admins work the inbox. Members see nothing of it
  inquiries: {
    anonymous: { create: 'all' },
    member: { create: 'all' },
    admin: manage,
    secretary: edit,
  },
  // response templates for replies to inquiries, per inquiry type and language
  'inquiry-templates': {
    admin: manage,
    secretary: manage,
  },
  // messages sent to an event's registrant list (POST /api/events/:id/registrants/email, by those
  // who manage RSVPs): a record Hangar writes, read by those who read every RSVP
  'registrant-messages': {
    admin: readAll,
    events: readAll,
    secretary: readAll,
  },
} as const satisfies Record<string, CollectionRules>

/**
 * Collections that are a history: rows are added, never changed or removed through the API or
 * the admin panel, not even by a superuser (a record of consent must show what was given when).
 */
export const appendOnlyCollections = ['consents'] as const satisfies readonly MatrixCollection[]

/**
 * Collections that are a log Hangar writes itself (with the system's rights): read through the API,
 * never created, changed or removed there, not even by a superuser.
 */
export const recordOnlyCollections = ['sign-in-events', 'registrant-messages'] as const satisfies readonly MatrixCollection[]

export type MatrixCollection = keyof typeof collectionMatrix

/** Globals: who may read the whole document and who may change it. */
export const globalMatrix = {
  settings: {
    admin: { read: 'all' },
  },
} as const satisfies Record<string, Partial<Record<Exclude<Subject, 'superuser'>, Pick<Grants, 'read' | 'update'>>>>

export type MatrixGlobal = keyof typeof globalMatrix

/**
 * Field rules protect roles, statuses, amounts and internal notes. A field operation not
 * listed is governed by the collection's rules alone. `self` means "the user the document
 * belongs to" (the user themself, for the users collection).
 */
export type FieldSubject = Subject | 'self'
export type FieldRule = Partial<Record<'read' | 'create' | 'update', readonly FieldSubject[]>>

/**
 * A person's private details: who reads them on someone else's account. The events and volunteer
 * coordinators read every person (check-in lists and rosters need names and email), and the phone
 * number to reach someone on the day; the date of birth, the postal address and staff-only custom
 * values stay with those who keep the member records and the books.
 */
const privateDetailReaders = ['self', 'admin', 'secretary', 'treasurer'] as const
const phoneReaders = [...privateDetailReaders, 'events', 'volunteers'] as const

export const fieldMatrix = {
  users: {
    phone: { read: phoneReaders },
    dateOfBirth: { read: privateDetailReaders },
    address: { read: privateDetailReaders },
    roles: { create: ['admin'], update: ['admin'] },
    internalNotes: { read: ['admin', 'secretary'], create: ['admin', 'secretary'], update: ['admin', 'secretary'] },
    directoryHidden: { read: ['admin', 'secretary'], create: ['admin', 'secretary'], update: ['admin', 'secretary'] },
  },
  memberships: {
    internalNotes: { read: ['admin', 'secretary'], create: ['admin', 'secretary'], update: ['admin', 'secretary'] },
    // The contact changes these through /api/memberships/:id/seats and /household, which check capacity.
    seatHolders: { create: ['admin', 'secretary'], update: ['admin', 'secretary'] },
    householdMembers: { create: ['admin', 'secretary'], update: ['admin', 'secretary'] },
    household: { create: ['admin', 'secretary'], update: ['admin', 'secretary'] },
  },
  certificates: {
    // a member's own upload is unverified until a coordinator checks it
    verified: { create: ['admin', 'volunteers'], update: ['admin', 'volunteers'] },
  },
  payments: {
    notes: { read: ['admin', 'treasurer', 'secretary'], create: ['admin', 'treasurer'], update: ['admin', 'treasurer'] },
  },
} as const satisfies Record<string, Record<string, FieldRule>>

/**
 * Fields only the account's owner reads or changes: not staff, not even a superuser. Payload's
 * API key fields (`auth.useAPIKey`) hold a credential: whoever reads the key can act as its owner,
 * so nobody else may read, filter, select, sort or populate it, and nobody else may revoke or
 * replace it (a compromised account is handled by removing its roles or deleting it).
 */
export const ownerOnlyFields = {
  users: ['enableAPIKey', 'apiKey', 'apiKeyIndex'],
} as const satisfies Record<string, readonly string[]>

/**
 * Fields nobody writes through the API or the admin form, not even a superuser: the system
 * sets them (the state machine, payments, jobs), so every change is checked and recorded.
 */
export const systemManagedFields = {
  // the profile photo is set through the member's profile (resized, checked); an email change
  // waits in the next three until the new address confirms it (src/security/emailChange.ts);
  // an erasure is asked for and done through its endpoints (src/privacy/erasure.ts); an email
  // address is verified by its link or by staff through an endpoint (src/security/emailVerification.ts)
  users: [
    'photo',
    'pendingEmail',
    'emailChangeTokenHash',
    'emailChangeExpiresAt',
    'erasureRequestedAt',
    'erasedAt',
    'emailVerifiedAt',
    'emailVerificationTokenHash',
    'emailVerificationExpiresAt',
    // a sign-in link and code waiting to be used (src/security/signInLink.ts)
    'signInTokenHash',
    'signInCodeHash',
    'signInExpiresAt',
    'signInCodeAttempts',
  ],
  media: ['owner'],
  memberships: ['title', 'status', 'membershipNumber', 'periodStart', 'periodEnd', 'history', 'openKey', 'memberImport'],
  payments: ['status', 'appliedAt', 'receiptNumber', 'recordedBy', 'listAmount', 'discount', 'refunds', 'pendingKey', 'periodKey', 'cancelReason', 'memberImport', 'rsvp'],
  // what the import read from its file and did with it (the file itself is given once, never changed)
  'member-imports': ['delimiter', 'headers', 'rowCount', 'status', 'dryRun', 'progress', 'results', 'runBy', 'startedAt', 'finishedAt', 'error'],
  settings: ['lastMembershipNumber', 'lastReceiptNumber', 'jobRuns'],
  events: ['placesTaken', 'proposedBy', 'decisionReason'],
  notices: ['emailQueuedAt'],
  rsvps: ['guestName', 'guestEmail', 'waitlistedAt', 'checkedInAt', 'checkedInBy', 'registrationStatus', 'heldUntil', 'amountDue', 'currency', 'paymentMethod', 'paymentReference', 'payment', 'exemptReason', 'holdReminderSentAt'],
  certificates: ['title', 'verifiedBy', 'verifiedAt'],
  'volunteer-assignments': ['assignedAt', 'assignedBy', 'certificatesValidUntil', 'certificateIssue'],
  // people join and leave a shift through its endpoints, which check eligibility and places
  shifts: ['title', 'assigned', 'openPlaces'],
  // an inquiry's status, assignee, thread and logs change through its endpoints (src/inquiries/), which
  // ask the state machine and record who did what
  inquiries: ['status', 'assignee', 'followUpDue', 'followUpReminderSentAt', 'convertedMember', 'application', 'messages', 'history', 'assignments'],
} as const satisfies Record<string, readonly string[]>

/**
 * Account operations besides create/read/update/delete, and the roles that may perform them
 * on someone else's account (a superuser always may). Unlocking ends a lockout, so it is not for
 * the person the lockout protects against (SPEC §11: only admins unlock accounts).
 */
export type AuthOperation = 'unlock' | 'exportData' | 'erase' | 'verifyEmail' | 'invite'
export const authOperationMatrix = {
  unlock: ['admin'],
  // a subject access request: the same file the person downloads from the portal, for any person
  exportData: ['admin', 'secretary'],
  // anonymise a person's data for good (src/privacy/erasure.ts) and see whom the retention rule will
  // anonymise next (src/privacy/retention.ts)
  erase: ['admin'],
  // mark a self-registered account's email address verified by hand, or send it a new link
  // (src/security/emailVerification.ts): those who manage people
  verifyEmail: ['admin', 'secretary'],
  // email a person an invitation to sign in (a sign-in link that lasts INVITATION_DAYS): those who manage people
  invite: ['admin', 'secretary'],
} as const satisfies Record<AuthOperation, readonly Role[]>

/**
 * Event operations besides create/read/update/delete, and the roles that may perform them (a
 * superuser always may). Seed 004's edit lock: once a published event's registration has opened
 * (its opening date has passed, or anyone has registered), its key fields (dates, place, price,
 * payment method, a lower capacity, the questions) are changed only by these roles, and people
 * registered are told of a change of date, place or price (collections/events/hooks/editLock.ts).
 */
export type EventOperation = 'editLockedFields'
export const eventOperationMatrix = {
  editLockedFields: ['admin'],
} as const satisfies Record<EventOperation, readonly Role[]>

/**
 * The reports behind the admin dashboard (`GET /api/reports/:name`, src/reports/), and the roles
 * that may read each (a superuser always may): the treasurer and admins every report, the
 * secretary those about membership, the events team attendance, volunteer coordinators hours.
 * The dashboard shows a panel only to these roles, and a refusal names them.
 */
export const reportMatrix = {
  members: ['admin', 'treasurer', 'secretary'],
  movement: ['admin', 'treasurer', 'secretary'],
  revenue: ['admin', 'treasurer'],
  outstanding: ['admin', 'treasurer', 'secretary'],
  expiring: ['admin', 'treasurer', 'secretary'],
  attendance: ['admin', 'treasurer', 'events'],
  volunteering: ['admin', 'treasurer', 'volunteers'],
} as const satisfies Record<string, readonly Role[]>

export type ReportName = keyof typeof reportMatrix
export const REPORT_NAMES = Object.keys(reportMatrix) as ReportName[]

/**
 * Values of custom member fields (`users.customFields`, src/members/customFields.ts), by key. A
 * definition says who sees a value (`members`: the person and staff; `staff`: staff only) and who
 * fills it in (`members`: the person and staff; `staff`: staff only). "Staff" who see values are
 * those who read a person's private details (not the events or volunteer coordinators); those who
 * fill them in are those who update every person. Nobody else (another member) ever reads a value.
 */
export const customFieldValueRules = {
  // a field rule, asked of someone else's account (the person's own reading is `self` in the definition)
  staffRead: { read: privateDetailReaders } satisfies FieldRule,
  staffEdit: { collection: 'users', operation: 'update' },
} as const

/** Which roles each role may hand out (or take away). Nobody but a superuser touches `superuser`. */
export const grantableRoles: Partial<Record<Role, readonly Role[]>> = {
  superuser: ROLES,
  admin: ROLES.filter((role) => role !== 'superuser'),
}

/** Roles that may sign in to the admin panel. Plain members use the member site. */
export const adminPanelRoles: readonly Role[] = STAFF_ROLES
