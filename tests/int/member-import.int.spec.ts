/**
 * Member imports from a spreadsheet (issue 16 points 5 and 6; collections/member-imports,
 * src/members/import): upload and suggested mapping, the dry run (what would be created, updated,
 * skipped, and every bad row with its line and reason, nothing written), the run as a job
 * (people, memberships with numbers, ledger entries marked as imported, no emails unless asked),
 * idempotency by email, a changed row updating the member, bulk updates of chosen fields, who may
 * import, and a 5,000-row file through the job.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Membership, MemberImport, Payment, Tier, User } from '@payload-types'

import { eq, tableOf } from '@/lib/db'
import { isSealed } from '@/privacy/fieldEncryption'

import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
type Person = { user: User; token: string }
let admin: Person
let secretary: Person
let treasurer: Person
let personal: Tier
let owners: Tier

async function upload(token: string, csv: string, options: { filename?: string; mode?: 'create' | 'update' } = {}) {
  const form = new FormData()
  form.append('file', new Blob([csv], { type: 'text/csv' }), options.filename ?? 'members.csv')
  return rest('POST', `/member-imports/upload${options.mode ? `?mode=${options.mode}` : ''}`, { token, body: form })
}

async function uploaded(csv: string, options: Parameters<typeof upload>[2] = {}, token = admin.token): Promise<MemberImport> {
  const res = await upload(token, csv, options)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as MemberImport
}

const dryRun = (id: number, token = admin.token) => rest('POST', `/member-imports/${id}/dry-run`, { token })

/** Dry run, run, and the job worked off as the worker would. */
async function imported(csv: string, options: Parameters<typeof upload>[2] & { patch?: Record<string, unknown> } = {}) {
  const doc = await uploaded(csv, options)
  if (options.patch) expect((await rest('PATCH', `/member-imports/${doc.id}`, { token: admin.token, body: options.patch })).status).toBe(200)
  const checked = await dryRun(doc.id)
  expect(checked.status, JSON.stringify(checked.body)).toBe(200)
  const run = await rest('POST', `/member-imports/${doc.id}/run`, { token: admin.token })
  expect(run.status, JSON.stringify(run.body)).toBe(202)
  await payload.jobs.run({ queue: 'imports', limit: 1 })
  const done = (await payload.findByID({ collection: 'member-imports', id: doc.id, depth: 0 })) as MemberImport
  return { doc: done, dryRun: checked.body, report: await reportOf(doc.id) }
}

async function reportOf(id: number) {
  const res = await rest('GET', `/member-imports/${id}/report.csv`, { token: admin.token })
  expect(res.status).toBe(200)
  return res.body as string
}

const personByEmail = async (email: string) => (await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0, limit: 1 })).docs[0] as User | undefined
const membershipsOf = async (id: number) => (await payload.find({ collection: 'memberships', where: { member: { equals: id } }, depth: 0, sort: 'createdAt' })).docs as Membership[]
const paymentsOf = async (id: number) => (await payload.find({ collection: 'payments', where: { member: { equals: id } }, depth: 0 })).docs as Payment[]
const emailsTo = async (email: string) => (await payload.count({ collection: 'notifications', where: { recipient: { equals: email } } })).totalDocs

const HEADER = 'Email,First name,Surname,Phone,Tier,Status,Start date,Expiry,Member no,Amount paid,Payment method,Marketing,Licence number'

beforeAll(async () => {
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { membershipNumberPrefix: 'SASA-' } })
  admin = await createUser(payload, ['admin'])
  secretary = await createUser(payload, ['secretary'])
  treasurer = await createUser(payload, ['treasurer'])
  const tier = (name: string, fee: number) =>
    payload.create({ collection: 'tiers', data: { name, fee, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } }) as Promise<Tier>
  personal = await tier('Personal', 500)
  owners = await tier('Aircraft Owners', 2500)
  await payload.create({ collection: 'member-fields', data: { label: 'Licence number', key: 'licence_number', type: 'text', visibleTo: 'staff', editableBy: 'staff' } as never })
})

describe('upload and mapping', () => {
  it('reads a spreadsheet export (byte order mark, semicolons, quoted values) and suggests a mapping from the header names', async () => {
    const csv = '\ufeffE-mail address;Forename;Last name;"Membership type";Notes\r\n"a@example.org";Ann;"Smith; Jr";Personal;"said ""hi"""\r\n'
    const doc = await uploaded(csv, { filename: 'export.csv' })
    expect(doc).toMatchObject({ filename: 'export.csv', status: 'uploaded', rowCount: 1, delimiter: ';', headers: ['E-mail address', 'Forename', 'Last name', 'Membership type', 'Notes'] })
    expect(doc.mapping).toEqual(['email', 'firstName', 'lastName', 'tier', null])
    // the file itself is never read back through the API
    const read = await rest('GET', `/member-imports/${doc.id}?depth=0`, { token: admin.token })
    expect(read.status).toBe(200)
    expect(read.body.csv).toBeUndefined()
    const setup = await rest('GET', `/member-imports/${doc.id}/setup`, { token: admin.token })
    expect(setup.body.preview[0]).toEqual({ line: 2, cells: ['a@example.org', 'Ann', 'Smith; Jr', 'Personal', 'said "hi"'] })
    expect(setup.body.fields.map((f: { key: string }) => f.key)).toContain('custom:licence_number')
  })

  it('refuses an empty file, one without rows, and a mapping of the wrong shape', async () => {
    expect((await upload(admin.token, '')).status).toBe(400)
    expect((await upload(admin.token, 'Email,Name\n')).body.errors[0].message).toMatch(/no rows/)
    const doc = await uploaded('Email,Name\nx@example.org,X Y\n')
    const bad = await rest('PATCH', `/member-imports/${doc.id}`, { token: admin.token, body: { mapping: ['email'] } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toMatch(/one for each column/)
    const unmapped = await rest('PATCH', `/member-imports/${doc.id}`, { token: admin.token, body: { mapping: [null, 'name'] } })
    expect(unmapped.status).toBe(200)
    const refused = await dryRun(doc.id)
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].message).toMatch(/Map a column to Email/)
  })

  it('only those who manage people import; recording payments needs a role that records them', async () => {
    expect((await upload(treasurer.token, 'Email\nx@example.org\n')).status).toBe(403)
    const doc = await uploaded(`${HEADER}\nsec.pay@example.org,Sec,Pay,,Personal,active,2026-01-05,,,5.00,cash,,\n`, {}, secretary.token)
    expect((await dryRun(doc.id, secretary.token)).body.problems[0].message).toMatch(/needs a role that records payments/)
    const run = await rest('POST', `/member-imports/${doc.id}/run`, { token: secretary.token })
    expect(run.status).toBe(403)
    expect(await personByEmail('sec.pay@example.org')).toBeUndefined()
  })
})

describe('dry run and run', () => {
  const good = [
    'ada@example.org,Ada,Lovelace,029 2018 0101,Personal,active,2026-01-05,,,5.00,cash,yes,PPL-1',
    'bob@example.org,Bob,Builder,,Aircraft Owners,Active,05/02/2026,05/02/2027,SASA-000900,25,Bank transfer,no,',
    'cy@example.org,Cy,Young,,Personal,lapsed,2024-03-01,2025-03-01,,5.00,cheque,,',
    'dee@example.org,Dee,Newcomer,,,,,,,,,,',
  ]
  const bad = [
    'eve@example.org,Eve,Wrong,,Personal,active,31/31/2026,,,5.00,cash,,', // wrong date
    'fay@example.org,Fay,Tierless,,Platinum,active,2026-01-05,,,5.00,cash,,', // unknown tier
    'ada@example.org,Ada,Again,,Personal,active,2026-01-05,,,5.00,cash,,', // duplicate email
    'not-an-email,Gus,Malformed,,Personal,active,2026-01-05,,,5.00,cash,,', // malformed email
  ]
  const csv = `${HEADER}\n${[...good, ...bad].join('\n')}\n`
  let first: Awaited<ReturnType<typeof imported>>

  it('the dry run says what would be created and why each bad row fails (line and reason), and writes nothing', async () => {
    const before = await payload.count({ collection: 'users' })
    const doc = await uploaded(csv)
    const res = await dryRun(doc.id)
    expect(res.status).toBe(200)
    expect(res.body.counts).toMatchObject({ total: 8, processed: 8, created: 4, updated: 0, unchanged: 0, failed: 4 })
    const byLine = Object.fromEntries(res.body.problems.map((p: { line: number; message: string }) => [p.line, p.message]))
    expect(Object.keys(byLine).map(Number)).toEqual([6, 7, 8, 9])
    expect(byLine[6]).toMatch(/Start date: “31\/31\/2026” is not a date; write it as YYYY-MM-DD/)
    expect(byLine[7]).toMatch(/there is no tier “Platinum”; the tiers are Aircraft Owners, Personal/)
    expect(byLine[8]).toMatch(/The email address is also on line 2/)
    expect(byLine[9]).toMatch(/“not-an-email” is not an email address/)
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(before.totalDocs)
    expect((await payload.findByID({ collection: 'member-imports', id: doc.id })).status).toBe('checked')
    const report = await reportOf(doc.id)
    expect(report).toMatch(/^\ufeff?line,email,outcome,details,person id/)
    expect(report).toMatch(/2,ada@example.org,to create,/)
  })

  it('the run imports the good rows and none of the bad: people verified, memberships numbered, payments in the ledger marked as imported, no emails', async () => {
    first = await imported(csv)
    expect(first.doc).toMatchObject({ status: 'finished', progress: { total: 8, processed: 8, created: 4, updated: 0, unchanged: 0, failed: 4 } })
    expect(first.doc.runBy).toBe(admin.user.id)

    const ada = (await personByEmail('ada@example.org'))!
    expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', phone: '+442920180101', customFields: { licence_number: 'PPL-1' } })
    expect(ada.emailVerifiedAt).toBeTruthy()
    // sealed at rest like any phone number
    const raw = await (payload.db.drizzle as any).select({ phone: tableOf(payload, 'users').phone }).from(tableOf(payload, 'users')).where(eq(tableOf(payload, 'users').id, ada.id))
    expect(isSealed(raw[0].phone)).toBe(true)
    const [adaMembership] = await membershipsOf(ada.id)
    expect(adaMembership).toMatchObject({ status: 'active', tier: personal.id, periodStart: '2026-01-05T00:00:00.000Z', periodEnd: '2027-01-05T00:00:00.000Z', memberImport: first.doc.id })
    expect(adaMembership!.membershipNumber).toMatch(/^SASA-\d{6}$/)
    expect(adaMembership!.title).toBe(`Personal · Ada Lovelace · ${adaMembership!.membershipNumber}`)
    expect(adaMembership!.history).toHaveLength(1)
    expect(adaMembership!.history![0]).toMatchObject({ from: null, to: 'active', cause: 'admin', actor: admin.user.id })
    expect(adaMembership!.history![0]!.reason).toMatch(/Imported from members.csv .*line 2/)
    const [adaPayment] = await paymentsOf(ada.id)
    expect(adaPayment).toMatchObject({ amount: 500, currency: 'GBP', method: 'cash', status: 'succeeded', membership: adaMembership!.id, recordedBy: admin.user.id, memberImport: first.doc.id, paidAt: '2026-01-05T00:00:00.000Z' })
    expect(adaPayment!.receiptNumber).toMatch(/^R-2026-\d{6}$/)
    expect(adaPayment!.notes).toMatch(/Imported from members.csv/)
    expect((await payload.find({ collection: 'consents', where: { person: { equals: ada.id } } })).docs).toMatchObject([{ kind: 'marketing', granted: true, source: 'admin' }])
    // the audit trail says who created them, and how
    const trail = await payload.find({ collection: 'audit-entries', where: { person: { equals: ada.id } }, depth: 0 })
    expect(trail.docs[0]).toMatchObject({ operation: 'create', actor: admin.user.id })

    const bob = (await personByEmail('bob@example.org'))!
    const [bobMembership] = await membershipsOf(bob.id)
    // 05/02/2026 is read day/month/year; the number given is kept and the counter moves past it
    expect(bobMembership).toMatchObject({ status: 'active', tier: owners.id, membershipNumber: 'SASA-000900', periodStart: '2026-02-05T00:00:00.000Z', periodEnd: '2027-02-05T00:00:00.000Z' })
    expect((await paymentsOf(bob.id))[0]).toMatchObject({ amount: 2500, method: 'bank_transfer' })
    expect((await payload.findGlobal({ slug: 'settings' })).lastMembershipNumber).toBeGreaterThanOrEqual(900)

    const cy = (await personByEmail('cy@example.org'))!
    expect((await membershipsOf(cy.id))[0]).toMatchObject({ status: 'lapsed', periodEnd: '2025-03-01T00:00:00.000Z' })
    const dee = (await personByEmail('dee@example.org'))!
    expect(await membershipsOf(dee.id)).toEqual([])

    for (const email of ['eve@example.org', 'fay@example.org']) expect(await personByEmail(email)).toBeUndefined()
    expect((await payload.find({ collection: 'users', where: { lastName: { equals: 'Again' } } })).totalDocs).toBe(0)
    // no welcome, no receipt
    for (const email of ['ada@example.org', 'bob@example.org', 'cy@example.org', 'dee@example.org']) expect(await emailsTo(email)).toBe(0)

    const lines = first.report.trim().split('\n')
    expect(lines).toHaveLength(9)
    expect(first.report).toMatch(/2,ada@example.org,created,"new member; opted in to marketing; Personal membership, active 2026-01-05 → 2027-01-05; £5.00 paid by cash",\d+/)
    expect(first.report).toMatch(/9,not-an-email,failed,/)
  })

  it('importing the same file again changes nothing', async () => {
    const counts = { users: (await payload.count({ collection: 'users' })).totalDocs, memberships: (await payload.count({ collection: 'memberships' })).totalDocs, payments: (await payload.count({ collection: 'payments' })).totalDocs, audit: (await payload.count({ collection: 'audit-entries' })).totalDocs }
    const again = await imported(csv)
    expect(again.dryRun.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4, failed: 4 })
    expect(again.doc.progress).toMatchObject({ created: 0, updated: 0, unchanged: 4, failed: 4 })
    expect({ users: (await payload.count({ collection: 'users' })).totalDocs, memberships: (await payload.count({ collection: 'memberships' })).totalDocs, payments: (await payload.count({ collection: 'payments' })).totalDocs, audit: (await payload.count({ collection: 'audit-entries' })).totalDocs }).toEqual(counts)
    expect(again.report).toMatch(/2,ada@example.org,unchanged,nothing to change/)
  })

  it('a changed row updates the member through the users collection (audit trail), and the membership through the state machine', async () => {
    const changed = `${HEADER}\nada@example.org,Ada,Lovelace,07911 123456,Personal,cancelled,2026-01-05,,,5.00,cash,no,PPL-2\ncy@example.org,Cy,Young,,Personal,awaiting payment,2024-03-01,2025-03-01,,,,,\n`
    const run = await imported(changed)
    expect(run.doc.progress).toMatchObject({ updated: 1, failed: 1 })
    expect(run.report).toMatch(/2,ada@example.org,updated,"changed phone, licence_number; opted out of marketing; Personal membership: active → cancelled"/)
    // the state machine decides what a status may become
    expect(run.report).toMatch(/3,cy@example.org,failed,.*A membership cannot go from ""lapsed"" to ""awaiting_payment"" \(the stored Personal membership is lapsed\)/)
    const ada = (await personByEmail('ada@example.org'))!
    expect(ada).toMatchObject({ phone: '+447911123456', customFields: { licence_number: 'PPL-2' } })
    const [membership] = await membershipsOf(ada.id)
    expect(membership).toMatchObject({ status: 'cancelled' })
    expect(membership!.history!.at(-1)).toMatchObject({ from: 'active', to: 'cancelled', cause: 'admin', actor: admin.user.id })
    expect((await paymentsOf(ada.id))).toHaveLength(1)
    const trail = await payload.find({ collection: 'audit-entries', where: { and: [{ person: { equals: ada.id } }, { operation: { equals: 'update' } }] }, depth: 0 })
    expect(trail.docs[0]!.summary).toMatch(/phone/)
    const consents = await payload.find({ collection: 'consents', where: { person: { equals: ada.id } }, sort: '-givenAt' })
    expect(consents.docs[0]).toMatchObject({ kind: 'marketing', granted: false })
    expect(await emailsTo('ada@example.org')).toBe(0)
  })

  it('welcome emails and receipts go out only when the import asks for them', async () => {
    const { doc } = await imported(`${HEADER}\nwen@example.org,Wen,Welcome,,Personal,active,2026-02-01,,,5.00,cash,,\n`, { patch: { options: { sendWelcome: true, sendReceipts: true } } })
    expect(doc.progress).toMatchObject({ created: 1 })
    const sent = await payload.find({ collection: 'notifications', where: { recipient: { equals: 'wen@example.org' } } })
    expect(sent.docs.map((n) => n.template).sort()).toEqual(['payment-receipt', 'welcome'])
  })

  it('a run is queued once: a second press is refused', async () => {
    const doc = await uploaded(`${HEADER}\nonce@example.org,On,Ce,,,,,,,,,,\n`)
    expect((await rest('POST', `/member-imports/${doc.id}/run`, { token: admin.token })).status).toBe(409) // not checked yet
    await dryRun(doc.id)
    const [a, b] = await Promise.all([rest('POST', `/member-imports/${doc.id}/run`, { token: admin.token }), rest('POST', `/member-imports/${doc.id}/run`, { token: admin.token })])
    expect([a.status, b.status].sort()).toEqual([202, 409])
    // the admin form saving what it shows changes nothing; a new mapping is refused once it has run
    expect((await rest('PATCH', `/member-imports/${doc.id}`, { token: admin.token, body: { mapping: doc.mapping } })).status).toBe(200)
    const changed = await rest('PATCH', `/member-imports/${doc.id}`, { token: admin.token, body: { mapping: (doc.mapping as (string | null)[]).map((key) => (key === 'email' ? key : null)) } })
    expect(changed.status).toBe(409)
    expect((await payload.findByID({ collection: 'member-imports', id: doc.id })).status).toBe('queued')
    await payload.jobs.run({ queue: 'imports', limit: 1 })
    expect(await personByEmail('once@example.org')).toBeTruthy()
  })
})

describe('bulk update (mode update)', () => {
  it('changes chosen fields of people found by email, with the same dry run and report; unknown emails fail', async () => {
    const csv = 'email,phone,licence_number,marketing\nbob@example.org,01792 123456,PPL-9,yes\nnobody@example.org,01792 123457,,\n'
    const doc = await uploaded(csv, { mode: 'update' })
    expect(doc.mapping).toEqual(['email', 'phone', 'custom:licence_number', 'marketingOptIn'])
    const tiered = await rest('PATCH', `/member-imports/${doc.id}`, { token: admin.token, body: { mapping: ['email', 'phone', 'tier', null] } })
    expect(tiered.status).toBe(200)
    const refused = await dryRun(doc.id)
    expect(refused.status, JSON.stringify(refused.body)).toBe(400)
    expect(refused.body.errors[0].message).toMatch(/a bulk update changes people's details only, not “tier”/)
    const { doc: done, report } = await imported(csv, { mode: 'update' })
    expect(done.progress).toMatchObject({ updated: 1, failed: 1 })
    expect(report).toMatch(/3,nobody@example.org,failed,Nobody has this email address/)
    const bob = (await personByEmail('bob@example.org'))!
    expect(bob).toMatchObject({ phone: '+441792123456', customFields: { licence_number: 'PPL-9' } })
    expect((await membershipsOf(bob.id))).toHaveLength(1)
  })
})

describe('a 5,000-row file', () => {
  it('goes through the job in batches, with the progress and report complete', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `bulk${i}@example.org,Bulk,Member ${i},,${i % 2 ? 'Personal' : 'Aircraft Owners'},active,2026-01-${String((i % 28) + 1).padStart(2, '0')},,,${i % 2 ? '5' : '25'},${i % 3 ? 'cash' : 'cheque'},${i % 5 ? 'no' : 'yes'},L-${i}`)
    const started = Date.now()
    const { doc, report } = await imported(`${HEADER}\n${rows.join('\n')}\n`, { filename: 'bulk.csv' })
    const seconds = (Date.now() - started) / 1000
    console.info(`5,000-row import (dry run + run) on ${payload.db.name}: ${seconds.toFixed(1)} s`)
    expect(doc.progress).toMatchObject({ total: 5000, processed: 5000, created: 5000, failed: 0 })
    expect(report.trim().split('\n')).toHaveLength(5001)
    expect((await payload.count({ collection: 'memberships', where: { memberImport: { equals: doc.id } } })).totalDocs).toBe(5000)
    expect((await payload.count({ collection: 'payments', where: { memberImport: { equals: doc.id } } })).totalDocs).toBe(5000)
    const numbers = await payload.find({ collection: 'memberships', where: { memberImport: { equals: doc.id } }, pagination: false, select: { membershipNumber: true } })
    expect(new Set(numbers.docs.map((m) => m.membershipNumber)).size).toBe(5000)
  })
})
