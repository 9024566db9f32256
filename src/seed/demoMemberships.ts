/**
 * The demo's people and their memberships, made the way the system makes them: members apply
 * (POST /api/memberships as themselves), the secretary approves, the treasurer records cash and
 * cheques, members pay by card through the test provider, and the nightly jobs move memberships
 * into grace and send renewal reminders. So membership numbers, receipts, history and the
 * reminder ledger are the system's own.
 */
import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'

import type { Membership, Payment, Tier, User } from '@payload-types'

import { inTransaction, systemRequest } from '@/lib/transaction'
import { findLocked } from '@/lib/findOrRefuse'
import { addToGroup } from '@/membership/groupMembers'
import { transitionMembership } from '@/membership/transitions'
import { startCheckout } from '@/payments/checkout'
import { refundPayment } from '@/payments/refund'

import { recordJobRun } from '../../jobs/health'
import { runMembershipExpiry } from '../../jobs/membershipExpiry'
import { runRenewalReminders } from '../../jobs/renewalReminders'
import { settleDummyPayment } from '../../plugins/dummy-payments/outcome'
import { dummyPaymentsEnabled } from '../../plugins/dummy-payments/provider'
import type { DemoContext } from './context'
import { daysFromNow } from './context'

type Address = { line1: string; town: string; postcode: string }

/**
 * People of an airport stakeholders' alliance. Addresses are on `hangar.test` (a reserved name
 * that no mail server answers), phone numbers in Ofcom's range for drama (029 2018 0xxx), so no
 * demo email or call can reach a real person.
 */
export const DEMO_PEOPLE = [
  { key: 'treasurer', firstName: 'Nia', lastName: 'Protheroe', roles: ['treasurer', 'member'], phone: '029 2018 0101', address: { line1: '4 Heol y Nant', town: 'Swansea', postcode: 'SA2 7JU' }, note: 'Treasurer: records cash and cheques at the clubhouse.' },
  { key: 'secretary', firstName: 'Elin', lastName: 'Rowlands', roles: ['secretary', 'member'], phone: '029 2018 0102', address: { line1: '12 Pennard Road', town: 'Southgate', postcode: 'SA3 2AD' }, note: 'Secretary: applications, notices and minutes.' },
  { key: 'events', firstName: 'Aled', lastName: 'Parry', roles: ['events', 'member'], phone: '029 2018 0103', address: { line1: '7 Fairwood Terrace', town: 'Swansea', postcode: 'SA2 8DL' }, note: 'Events officer: runs the check-in desk.' },
  { key: 'rhys', firstName: 'Rhys', lastName: 'Llewellyn', roles: ['member'], phone: '029 2018 0111', address: { line1: '21 Mumbles Road', town: 'Swansea', postcode: 'SA3 4EN' }, note: 'Private pilot (PPL), flies a Piper Warrior from the club.' },
  { key: 'carys', firstName: 'Carys', lastName: 'Powell', roles: ['member'], phone: '029 2018 0112', address: { line1: '3 Bishopston Lane', town: 'Bishopston', postcode: 'SA3 3EH' }, note: 'Microlight pilot; first-aider at events.' },
  { key: 'dafydd', firstName: 'Dafydd', lastName: 'Evans', roles: ['member'], phone: '029 2018 0113', address: { line1: '58 Gower Road', town: 'Killay', postcode: 'SA2 7EF' }, note: 'Air/ground radio operator at the airport.' },
  { key: 'iwan', firstName: 'Iwan', lastName: 'Rees', roles: ['member'], phone: '029 2018 0114', address: { line1: '9 Station Road', town: 'Gowerton', postcode: 'SA4 3AP' }, note: 'Airport fire crew; fire cover at fly-ins.' },
  { key: 'sian', firstName: 'Siân', lastName: 'Harries', roles: ['member'], phone: '029 2018 0115', address: { line1: '15 Manselton Road', town: 'Swansea', postcode: 'SA5 8PN' }, note: 'Glider pilot; renewal overdue.' },
  { key: 'gareth', firstName: 'Gareth', lastName: 'Williams', roles: ['member'], phone: '029 2018 0116', address: { line1: '40 Sketty Park Drive', town: 'Swansea', postcode: 'SA2 8LR' }, note: 'Former aircraft owner; sold his share last year.' },
  { key: 'owen', firstName: 'Owen', lastName: 'Jenkins', roles: ['member'], phone: '029 2018 0117', address: { line1: 'Hangar 3, Swansea Airport', town: 'Fairwood', postcode: 'SA2 7JU' }, note: 'Hangar owner; contact for the G-BSWA syndicate.' },
  { key: 'ffion', firstName: 'Ffion', lastName: 'Lewis', roles: ['member'], phone: '029 2018 0118', address: { line1: '2 Chapel Street', town: 'Mumbles', postcode: 'SA3 4NH' }, note: 'Flies the G-BSWA syndicate Cessna.' },
  { key: 'huw', firstName: 'Huw', lastName: 'Griffiths', roles: ['member'], phone: '029 2018 0119', address: { line1: 'Gower Flying School, Swansea Airport', town: 'Fairwood', postcode: 'SA2 7JU' }, note: 'Chief flying instructor, Gower Flying School.' },
  { key: 'cerys', firstName: 'Cerys', lastName: 'Thomas', roles: ['member'], phone: '029 2018 0120', address: { line1: '18 Uplands Crescent', town: 'Swansea', postcode: 'SA2 0PB' }, note: 'Flying instructor at Gower Flying School.' },
  { key: 'tomos', firstName: 'Tomos', lastName: 'Hughes', roles: ['member'], phone: '029 2018 0121', address: { line1: 'Unit 5, Fairwood Business Park', town: 'Swansea', postcode: 'SA2 7HP' }, note: 'Director, Bay Air Charter (applying as a corporate member).' },
  { key: 'megan', firstName: 'Megan', lastName: 'Davies', roles: ['member'], phone: '029 2018 0122', address: { line1: '33 Walter Road', town: 'Swansea', postcode: 'SA1 5PQ' }, note: 'Student pilot; joined online, card declined.' },
] as const satisfies ReadonlyArray<{ key: string; firstName: string; lastName: string; roles: User['roles']; phone: string; address: Address; note: string }>

export const demoEmail = (person: { firstName: string; lastName: string }) =>
  `${person.firstName}.${person.lastName}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase() + '@hangar.test'

/** Everyone in DEMO_PEOPLE, with a password nobody knows (they are not for signing in: the DEMO_ACCOUNTS are). */
export async function createPeople(ctx: DemoContext): Promise<void> {
  for (const person of DEMO_PEOPLE) {
    ctx.people[person.key] = (await ctx.payload.create({
      collection: 'users',
      data: {
        email: demoEmail(person),
        password: randomBytes(24).toString('base64url'),
        firstName: person.firstName,
        lastName: person.lastName,
        roles: [...person.roles],
        phone: person.phone,
        address: { ...person.address, country: 'United Kingdom' },
        internalNotes: person.note,
      },
      depth: 0,
    })) as User
  }
  ctx.report.created.push(`people: ${DEMO_PEOPLE.length} members and officers of the alliance`)
}

/**
 * A member applies for a tier as the member site does (POST /api/memberships, as themselves).
 * For a membership that began in the past, the application's history entry is then dated when
 * it was made, so the history reads in order (applied, then paid) like the real one would.
 */
async function apply(payload: Payload, member: User, tier: Tier, options: { organisationName?: string; appliedAt?: Date } = {}): Promise<Membership> {
  const { organisationName, appliedAt } = options
  const membership = (await payload.create({
    collection: 'memberships',
    data: { tier: tier.id, ...(organisationName ? { organisationName } : {}) } as never,
    user: member,
    overrideAccess: false,
    depth: 0,
  })) as Membership
  if (!appliedAt) return membership
  const history = (membership.history ?? []).map((entry, i) => (i === 0 ? { ...entry, at: appliedAt.toISOString() } : entry))
  return (await payload.update({ collection: 'memberships', id: membership.id, data: { history }, depth: 0 })) as Membership
}

/** The treasurer records money taken by hand (cash, cheque, bank transfer), dated when it was paid. */
async function recordManualPayment(
  payload: Payload,
  treasurer: User,
  args: { membership: Membership; tier: Tier; method: 'cash' | 'cheque' | 'bank_transfer'; paidAt: Date; notes: string; key: string },
): Promise<Payment> {
  return (await payload.create({
    collection: 'payments',
    data: {
      membership: args.membership.id,
      amount: args.tier.fee,
      currency: args.tier.currency,
      method: args.method,
      paidAt: args.paidAt.toISOString(),
      notes: args.notes,
      idempotencyKey: `demo-${args.key}`,
    } as never,
    user: treasurer,
    depth: 0,
  })) as Payment
}

/**
 * A member pays online with the test provider (no card): checkout, then Approve or Decline on
 * its page. Where the test provider is off (production), the treasurer takes cash instead.
 */
async function payByCard(ctx: DemoContext, member: User, membership: Membership, outcome: 'approve' | 'decline'): Promise<Payment | null> {
  const { payload } = ctx
  if (!(await dummyPaymentsEnabled(payload))) {
    if (outcome === 'decline') return null
    return recordManualPayment(payload, ctx.people.treasurer!, { membership, tier: ctx.tiers.personal, method: 'cash', paidAt: ctx.now, notes: 'Demo data: paid in cash', key: `card-${membership.id}` })
  }
  const { payment } = await startCheckout(await systemRequest(payload, member), { membership: membership.id, provider: 'dummy' })
  return settleDummyPayment(await systemRequest(payload, member), payment.id, outcome)
}

/** The secretary's decision on an application, as the admin panel's Approve button makes it. */
async function approve(payload: Payload, secretary: User, membership: Membership, at: Date): Promise<Membership> {
  return inTransaction(await systemRequest(payload, secretary), async (req) => {
    const locked = await findLocked(req, 'memberships', membership.id, `There is no membership ${membership.id}.`)
    return transitionMembership(req, { membership: locked, to: 'approved', cause: 'admin', reason: 'Approved at the committee meeting.', at })
  })
}

/**
 * Every membership state a committee meets, dated so that the first page of each list has
 * something on it: active (paid in cash, by cheque, by card and by bank transfer, one refunded
 * in part), two organisation memberships with seat holders, renewals due within the reminder
 * preview window, one in grace, one lapsed, an application waiting for approval and one
 * awaiting payment after a declined card.
 */
export async function seedMemberships(ctx: DemoContext): Promise<void> {
  const { payload, people, tiers, now } = ctx
  const treasurer = people.treasurer!
  const ago = (days: number) => daysFromNow(now, -days)
  const paid = async (key: string, tier: Tier, method: 'cash' | 'cheque' | 'bank_transfer', daysAgo: number, notes: string, organisationName?: string) => {
    const membership = await apply(payload, people[key]!, tier, { organisationName, appliedAt: ago(daysAgo + 1) })
    await recordManualPayment(payload, treasurer, { membership, tier, method, paidAt: ago(daysAgo), notes, key: `${key}-${tier.name.toLowerCase().replace(/\s+/g, '-')}` })
    return membership
  }

  // The demo member first: their number is SASA-000001.
  await paid('member', tiers.personal, 'cash', 200, 'Paid in cash at the clubhouse.')
  // Renewals coming up: inside the reminder preview's 30 days, one reminder already sent by the job below.
  await paid('carys', tiers.personal, 'cheque', 352, 'Cheque no. 100231, paid in at the bank.')
  await paid('dafydd', tiers.personal, 'cash', 340, 'Paid in cash at the tower.')
  const syndicate = await paid('owen', tiers.owners, 'cash', 345, 'Syndicate fee, paid in cash.', 'G-BSWA Cessna 172 syndicate')
  // Ended without a renewal: Siân within the 30 days of grace, Gareth past them.
  await paid('sian', tiers.personal, 'cash', 380, 'Paid in cash at the AGM.')
  await paid('gareth', tiers.personal, 'cheque', 430, 'Cheque no. 000874.')
  ctx.report.created.push('memberships paid in cash and by cheque: renewals due soon, one ending in grace, one lapsing')

  // Online: two card payments through the test provider; one paid the full rate in error and gets £2.50 back.
  const rhysCard = await payByCard(ctx, people.rhys!, await apply(payload, people.rhys!, tiers.personal), 'approve')
  await payByCard(ctx, people.iwan!, await apply(payload, people.iwan!, tiers.personal), 'approve')
  if (rhysCard) {
    await refundPayment(await systemRequest(payload, treasurer), { payment: rhysCard.id, amount: 250, reason: 'Student rate agreed by the committee: £2.50 returned.' })
  }
  // Megan joined online; her card was declined, so her membership waits for payment.
  await payByCard(ctx, people.megan!, await apply(payload, people.megan!, tiers.personal), 'decline')
  ctx.report.created.push('card payments through the test provider: two paid (one refunded in part), one declined and awaiting payment')

  // Corporate membership needs approval: Gower Flying School was approved and paid by bank transfer.
  const school = await apply(payload, people.huw!, tiers.corporate, { organisationName: 'Gower Flying School Ltd', appliedAt: ago(66) })
  await approve(payload, people.secretary!, school, ago(62))
  await recordManualPayment(payload, treasurer, { membership: school, tier: tiers.corporate, method: 'bank_transfer', paidAt: ago(60), notes: 'BACS reference GFS-SASA-2026.', key: 'huw-corporate' })
  // Bay Air Charter's application waits for the committee.
  await apply(payload, people.tomos!, tiers.corporate, { organisationName: 'Bay Air Charter Ltd', appliedAt: ago(4) })
  ctx.report.created.push('corporate memberships: Gower Flying School approved and paid, Bay Air Charter waiting for approval')

  // Seat holders, added by each contact from the member site.
  for (const email of [demoEmail(DEMO_PEOPLE.find((p) => p.key === 'cerys')!), 'mali.morris@hangar.test', 'ieuan.price@hangar.test']) {
    await addToGroup(payload, people.huw!, { membership: school.id, email, kind: 'organisation' })
  }
  for (const email of [demoEmail(DEMO_PEOPLE.find((p) => p.key === 'ffion')!), 'bryn.jones@hangar.test']) {
    await addToGroup(payload, people.owen!, { membership: syndicate.id, email, kind: 'organisation' })
  }
  ctx.report.created.push('seat holders: three instructors at Gower Flying School, two pilots in the G-BSWA syndicate')

  // The nightly jobs, as they would run today: ended periods move into grace (and past it),
  // and renewal reminders that are due go out and are recorded in the reminder ledger.
  await runMembershipExpiry(payload, { now })
  await recordJobRun(payload, 'membershipExpiry')
  await runRenewalReminders(payload, { today: now })
  await recordJobRun(payload, 'renewalReminders')
  ctx.report.created.push('nightly jobs run: expiry (grace and lapsed) and renewal reminders')
}
