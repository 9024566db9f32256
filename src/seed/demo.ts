import type { Payload } from 'payload'

import type { Tier, User } from '@payload-types'

import type { DemoContext, SeedReport } from './context'
import { seedDocuments, seedEvents, seedNotices } from './demoContent'
import { createPeople, seedMemberships } from './demoMemberships'
import { seedInquiries } from './demoInquiries'
import { seedVolunteering } from './demoVolunteering'

/** Demo accounts printed by `npm run dev`. They exist only in databases the seed was run on. */
export const DEMO_ACCOUNTS = [
  {
    email: 'admin@hangar.test',
    password: 'hangar-admin-demo',
    firstName: 'Alex',
    lastName: 'Admin',
    roles: ['superuser', 'member'],
    label: 'Superuser (admin panel)',
    phone: '029 2018 0100',
    address: { line1: 'Clubhouse, Swansea Airport', town: 'Fairwood', postcode: 'SA2 7JU' },
  },
  {
    email: 'member@hangar.test',
    password: 'hangar-member-demo',
    firstName: 'Morgan',
    lastName: 'Member',
    roles: ['member'],
    label: 'Member (member site)',
    phone: '029 2018 0110',
    address: { line1: '27 Vivian Road', town: 'Sketty', postcode: 'SA2 0UN' },
  },
  {
    email: 'volunteers@hangar.test',
    password: 'hangar-volunteers-demo',
    firstName: 'Val',
    lastName: 'Coordinator',
    roles: ['volunteers', 'member'],
    label: 'Volunteer coordinator',
    phone: '029 2018 0104',
    address: { line1: '6 Heol Dulais', town: 'Dunvant', postcode: 'SA2 7RN' },
  },
] as const

export const DEMO_ORGANISATION = {
  organisationName: "Swansea Airport Stakeholders' Alliance",
  membershipNumberPrefix: 'SASA-',
}

/** The three tiers of SPEC §3. Fees are in pence. */
export const DEMO_TIERS = [
  {
    name: 'Personal',
    description: 'For individual pilots, airport users and supporters.',
    fee: 500,
    kind: 'individual',
    sortOrder: 10,
    requiresApproval: false,
  },
  {
    name: 'Aircraft Owners',
    description: 'For the owners of an aircraft based at the airport, and its syndicate members.',
    fee: 2500,
    kind: 'organisation',
    seats: 4,
    sortOrder: 20,
    requiresApproval: false,
  },
  {
    name: 'Corporate',
    description: 'For businesses and organisations operating at or around the airport.',
    fee: 10000,
    kind: 'organisation',
    seats: 10,
    sortOrder: 30,
    requiresApproval: true,
  },
] as const

export type { SeedReport } from './context'

/**
 * Puts the demo data in place: the organisation, the tiers, the demo accounts, and a year of an
 * airport alliance's life (people, memberships in every state, payments, reminders, events,
 * notices, documents, volunteering), all made through the Local API as the system makes them,
 * so hooks number memberships and receipts and keep the ledger. Runs only on a database with no
 * accounts yet: anything else (a second run, a database in use) is left exactly as it is.
 */
export async function seedDemoData(payload: Payload): Promise<SeedReport> {
  const report: SeedReport = { created: [], skipped: [] }
  const accounts = await payload.count({ collection: 'users' })
  if (accounts.totalDocs > 0) {
    report.skipped.push(`demo data (the database already has ${accounts.totalDocs} account(s))`)
    return report
  }

  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  if (!settings.organisationName || settings.organisationName === 'Hangar') {
    await payload.updateGlobal({ slug: 'settings', data: DEMO_ORGANISATION })
    report.created.push('settings: organisation name and membership number prefix')
  } else {
    report.skipped.push('settings (already customised)')
  }

  const tiers: Tier[] = []
  for (const tier of DEMO_TIERS) {
    const existing = (await payload.find({ collection: 'tiers', where: { name: { equals: tier.name } }, limit: 1, depth: 0 })).docs[0] as Tier | undefined
    if (existing) report.skipped.push(`tier ${tier.name}`)
    else report.created.push(`tier ${tier.name}`)
    tiers.push(existing ?? ((await payload.create({ collection: 'tiers', data: { ...tier, currency: 'GBP', period: 'rolling', graceDays: 30, public: true, active: true }, depth: 0 })) as Tier))
  }

  const people: Record<string, User> = {}
  for (const account of DEMO_ACCOUNTS) {
    people[account.email.split('@')[0]!] = (await payload.create({
      collection: 'users',
      data: {
        email: account.email,
        password: account.password,
        firstName: account.firstName,
        lastName: account.lastName,
        roles: [...account.roles],
        phone: account.phone,
        address: { ...account.address, country: 'United Kingdom' },
      },
      depth: 0,
    })) as User
    report.created.push(`user ${account.email}`)
  }

  const ctx: DemoContext = { payload, report, now: new Date(), tiers: { personal: tiers[0]!, owners: tiers[1]!, corporate: tiers[2]! }, people }
  await createPeople(ctx)
  await seedMemberships(ctx)
  const events = await seedEvents(ctx)
  await seedNotices(ctx, events)
  await seedDocuments(ctx, events)
  await seedVolunteering(ctx, events)
  await seedInquiries(ctx)
  return report
}

export function demoCredentialsBanner(organisationName: string, baseUrl: string): string {
  const rows = DEMO_ACCOUNTS.map((a) => `  ${a.label.padEnd(26)} ${a.email.padEnd(22)} ${a.password}`)
  return [
    '',
    `  ${organisationName}: demo data is ready`,
    `  Member site  ${baseUrl}/`,
    `  Admin panel  ${baseUrl}/admin`,
    '',
    ...rows,
    '',
  ].join('\n')
}
