import type { Payload } from 'payload'

/** Demo accounts printed by `npm run dev`. They exist only in databases the seed was run on. */
export const DEMO_ACCOUNTS = [
  {
    email: 'admin@hangar.test',
    password: 'hangar-admin-demo',
    firstName: 'Alex',
    lastName: 'Admin',
    roles: ['superuser', 'member'],
    label: 'Superuser (admin panel)',
  },
  {
    email: 'member@hangar.test',
    password: 'hangar-member-demo',
    firstName: 'Morgan',
    lastName: 'Member',
    roles: ['member'],
    label: 'Member (member site)',
  },
  {
    email: 'volunteers@hangar.test',
    password: 'hangar-volunteers-demo',
    firstName: 'Val',
    lastName: 'Coordinator',
    roles: ['volunteers', 'member'],
    label: 'Volunteer coordinator',
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

export type SeedReport = { created: string[]; skipped: string[] }

/**
 * Puts the demo data in place. Idempotent: anything already there (matched by its natural
 * key, e.g. an account's email) is left alone, so it is safe to run on every start.
 */
export async function seedDemoData(payload: Payload): Promise<SeedReport> {
  const report: SeedReport = { created: [], skipped: [] }

  const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
  if (!settings.organisationName || settings.organisationName === 'Hangar') {
    await payload.updateGlobal({ slug: 'settings', data: DEMO_ORGANISATION })
    report.created.push('settings: organisation name and membership number prefix')
  } else {
    report.skipped.push('settings (already customised)')
  }

  for (const tier of DEMO_TIERS) {
    const existing = await payload.count({ collection: 'tiers', where: { name: { equals: tier.name } } })
    if (existing.totalDocs > 0) {
      report.skipped.push(`tier ${tier.name}`)
      continue
    }
    await payload.create({
      collection: 'tiers',
      data: { ...tier, currency: 'GBP', period: 'rolling', graceDays: 30, public: true, active: true },
    })
    report.created.push(`tier ${tier.name}`)
  }

  for (const account of DEMO_ACCOUNTS) {
    const existing = await payload.count({ collection: 'users', where: { email: { equals: account.email } } })
    if (existing.totalDocs > 0) {
      report.skipped.push(`user ${account.email}`)
      continue
    }
    await payload.create({
      collection: 'users',
      data: {
        email: account.email,
        password: account.password,
        firstName: account.firstName,
        lastName: account.lastName,
        roles: [...account.roles],
      },
    })
    report.created.push(`user ${account.email}`)
  }

  // The demo member holds a Personal membership, paid in cash, so the portal has something to show.
  const member = (await payload.find({ collection: 'users', where: { email: { equals: 'member@hangar.test' } }, limit: 1, depth: 0 })).docs[0]
  const personal = (await payload.find({ collection: 'tiers', where: { name: { equals: 'Personal' } }, limit: 1, depth: 0 })).docs[0]
  if (member && personal) {
    const held = await payload.count({ collection: 'memberships', where: { member: { equals: member.id } } })
    if (held.totalDocs > 0) {
      report.skipped.push('demo membership')
    } else {
      const membership = await payload.create({ collection: 'memberships', data: { member: member.id, tier: personal.id } as never })
      await payload.create({
        collection: 'payments',
        data: {
          member: member.id,
          membership: membership.id,
          purpose: 'membership',
          amount: personal.fee,
          currency: personal.currency,
          method: 'cash',
          status: 'succeeded',
          paidAt: new Date().toISOString(),
          notes: 'Demo data: paid in cash at the clubhouse',
          idempotencyKey: 'demo-member-personal-cash',
        },
      })
      report.created.push('demo membership: Personal, paid in cash')
    }
  }

  await seedVolunteering(payload, report)
  return report
}

/**
 * The demo member volunteers: a verified Fire training certificate, the Fire and General roles,
 * and upcoming shifts for a fly-in (one of them theirs), so every volunteering page has content.
 */
async function seedVolunteering(payload: Payload, report: SeedReport) {
  if ((await payload.count({ collection: 'shifts' })).totalDocs > 0) {
    report.skipped.push('demo volunteering')
    return
  }
  const first = async <T>(collection: 'users' | 'volunteer-roles' | 'certificate-types', field: string, value: string) =>
    (await payload.find({ collection, where: { [field]: { equals: value } }, limit: 1, depth: 0 })).docs[0] as T | undefined
  const member = await first<{ id: number }>('users', 'email', 'member@hangar.test')
  const coordinator = await first<{ id: number }>('users', 'email', 'volunteers@hangar.test')
  const [fire, radio, general] = await Promise.all(['Fire', 'Radio', 'General'].map((name) => first<{ id: number }>('volunteer-roles', 'name', name)))
  const training = await first<{ id: number }>('certificate-types', 'name', 'Fire training')
  if (!member || !coordinator || !fire || !radio || !general || !training) {
    report.skipped.push('demo volunteering (roles or accounts missing)')
    return
  }
  const day = (days: number, hour: number) => {
    const at = new Date(Date.now() + days * 86_400_000)
    at.setUTCHours(hour, 0, 0, 0)
    return at.toISOString()
  }
  await payload.create({
    collection: 'certificates',
    data: { member: member.id, type: training.id, issuedOn: day(-90, 0), issuer: 'West Wales Fire Training', reference: 'WWFT-2291', verified: true },
  })
  for (const role of [fire, general]) await payload.create({ collection: 'volunteer-assignments', data: { member: member.id, role: role.id, status: 'active', notes: 'Demo data' } })
  await payload.create({ collection: 'availability', data: { member: member.id, weekly: [{ day: 'sat', from: '08:00', to: '18:00' }, { day: 'sun', from: '08:00', to: '18:00' }], interestedRoles: [fire.id, general.id] } })
  const shift = (role: number, days: number, from: number, to: number, location: string, peopleNeeded: number) =>
    payload.create({ collection: 'shifts', data: { role, startsAt: day(days, from), endsAt: day(days, to), location, peopleNeeded } })
  const fireCover = await shift(fire.id, 14, 9, 13, 'Fire station, apron 2', 2)
  await shift(fire.id, 14, 13, 17, 'Fire station, apron 2', 2)
  await shift(radio.id, 14, 9, 17, 'Control tower, air/ground', 1)
  await shift(general.id, 15, 8, 12, 'Main gate car park', 4)
  const { joinShift } = await import('../volunteering/roster')
  const coordinatorUser = await payload.findByID({ collection: 'users', id: coordinator.id, depth: 0 })
  await joinShift(payload, coordinatorUser, fireCover.id, member.id, 'coordinator')
  report.created.push('demo volunteering: certificate, roles, availability and fly-in shifts')
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
