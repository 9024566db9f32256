/**
 * The demo's events (past and upcoming, one full with a waitlist, members-only and tier-only
 * ones), RSVPs and check-ins, notices and tier-gated documents with real PDF files.
 */
import type { Payload } from 'payload'

import type { Document, Event, Notice, Rsvp, User } from '@payload-types'

import { inTransaction, systemRequest } from '@/lib/transaction'
import { lockRow } from '@/lib/findOrRefuse'

import type { DemoContext } from './context'
import { dayAt, daysFromNow, paragraphs } from './context'
import { demoPdf } from './demoPdf'

export type DemoEvents = { openDay: Event; safetyEvening: Event; towerVisit: Event; membersMeeting: Event; flyIn: Event; ownersForum: Event; agm: Event }

const organiser = { name: 'Aled Parry, events officer', email: 'events@hangar.test', phone: '029 2018 0103' }

/** Events as the events officer enters them in the admin panel. */
export async function seedEvents(ctx: DemoContext): Promise<DemoEvents> {
  const { payload, now, tiers, people } = ctx
  const create = async (data: Partial<Event> & Pick<Event, 'title' | 'type' | 'startsAt'>) =>
    (await payload.create({ collection: 'events', data: { status: 'published', organiser, ...data } as never, user: people.events, depth: 0 })) as Event
  const events: DemoEvents = {
    openDay: await create({
      title: 'Open day and fly-in',
      type: 'open-day',
      summary: 'Visiting aircraft, pleasure flights, the fire crew’s demonstration and teas in the clubhouse.',
      description: paragraphs('Our open day welcomed visiting aircraft from across South Wales. Volunteers covered fire, radio and the car park.'),
      startsAt: dayAt(now, -30, 9).toISOString(),
      endsAt: dayAt(now, -30, 17).toISOString(),
      location: 'Swansea Airport, Fairwood Common',
      audience: 'public',
    }),
    safetyEvening: await create({
      title: 'Safety evening: runway incursions',
      type: 'training',
      summary: 'The airport’s safety manager on avoiding runway incursions, with the air/ground radio team.',
      description: paragraphs('A talk and discussion for pilots and airside workers. Tea and Welsh cakes provided.'),
      startsAt: dayAt(now, -12, 19).toISOString(),
      endsAt: dayAt(now, -12, 21).toISOString(),
      location: 'Clubhouse, Swansea Airport',
      audience: 'members',
      capacity: 40,
    }),
    towerVisit: await create({
      title: 'Behind the scenes: control tower visit',
      type: 'social',
      summary: 'A small group visit to the tower and the fire station. Places are limited by the size of the visual control room.',
      description: paragraphs('Meet at the terminal entrance ten minutes early with photo ID. Guests welcome while places last.'),
      startsAt: dayAt(now, 10, 10).toISOString(),
      endsAt: dayAt(now, 10, 12).toISOString(),
      location: 'Control tower, Swansea Airport',
      audience: 'public',
      capacity: 6,
      waitlist: true,
      questions: [{ key: 'photoId', label: 'I will bring photo ID', kind: 'yes_no', required: true }],
    }),
    membersMeeting: await create({
      title: 'Members’ meeting: airport master plan consultation',
      type: 'meeting',
      summary: 'The airport operator presents the draft master plan; members agree the alliance’s response.',
      description: paragraphs('Agenda: draft master plan, runway resurfacing timetable, hangar rents, any other business.'),
      startsAt: dayAt(now, 9, 19).toISOString(),
      endsAt: dayAt(now, 9, 21).toISOString(),
      location: 'Clubhouse, Swansea Airport',
      audience: 'members',
    }),
    flyIn: await create({
      title: 'Fly-in breakfast',
      type: 'fly-in',
      summary: 'Bacon rolls for visiting pilots; landing fees waived before 11:00. Volunteers needed for fire, radio and parking.',
      startsAt: dayAt(now, 14, 8).toISOString(),
      endsAt: dayAt(now, 14, 14).toISOString(),
      location: 'Swansea Airport, Fairwood Common',
      audience: 'public',
    }),
    ownersForum: await create({
      title: 'Hangar owners’ forum',
      type: 'meeting',
      summary: 'Hangar licences, insurance and the new security fencing, for aircraft owners and corporate members.',
      startsAt: dayAt(now, 21, 18).toISOString(),
      endsAt: dayAt(now, 21, 20).toISOString(),
      location: 'Hangar 3, Swansea Airport',
      audience: 'tiers',
      audienceTiers: [tiers.owners.id, tiers.corporate.id],
    }),
    agm: await create({
      title: 'Annual general meeting',
      type: 'agm',
      summary: 'Reports from the chair and treasurer, election of the committee, and the subscription for next year.',
      startsAt: dayAt(now, 45, 19).toISOString(),
      endsAt: dayAt(now, 45, 21).toISOString(),
      location: 'Clubhouse, Swansea Airport',
      audience: 'members',
    }),
  }
  // A member's proposal, waiting for the events officer's decision.
  await payload.create({
    collection: 'events',
    data: {
      title: 'Microlight safety workshop',
      type: 'training',
      summary: 'Weight-shift and three-axis pilots share lessons from the season.',
      startsAt: dayAt(now, 30, 10).toISOString(),
      endsAt: dayAt(now, 30, 13).toISOString(),
      location: 'Clubhouse, Swansea Airport',
      audience: 'members',
    } as never,
    user: people.carys,
    overrideAccess: false,
    depth: 0,
  })
  ctx.report.created.push('events: 2 past, 5 upcoming (one full with a waitlist, members-only, tier-only), 1 proposal')
  await seedRsvps(ctx, events)
  await seedPaidRegistration(ctx)
  return events
}

/**
 * Paid registration (issue 19): a training day whose two sessions charge — one by card with a
 * member price, one by bank transfer with places held for five days — and a barbecue whose
 * registration opens next week, for "email me when registration opens".
 */
async function seedPaidRegistration(ctx: DemoContext): Promise<void> {
  const { payload, now, tiers, people } = ctx
  const create = async (data: Partial<Event> & Pick<Event, 'title' | 'type' | 'startsAt'>) =>
    (await payload.create({ collection: 'events', data: { status: 'published', organiser, audience: 'members', ...data } as never, user: people.events, depth: 0 })) as Event
  const radioDay = await create({
    title: 'Air/ground radio training day',
    edition: '2027',
    type: 'training',
    summary: 'For members who want to join the radio team: the theory in the morning, the practical on the airfield in the afternoon. Register for either session or both.',
    startsAt: dayAt(now, 35, 9).toISOString(),
    endsAt: dayAt(now, 35, 17).toISOString(),
    location: 'Clubhouse, Swansea Airport',
  })
  const questions = [
    { key: 'licence', label: 'Radio licence number', kind: 'text', help: 'As on your FRTOL, if you have one.' },
    { key: 'hours', label: 'Hours on the radio so far', kind: 'number', required: true, help: 'A rough total is fine.' },
    { key: 'lunch', label: 'Lunch', kind: 'choice', choices: ['Sandwiches', 'Vegetarian', 'None'], required: true },
  ]
  const theory = await create({
    title: 'Radio training: theory (morning)',
    parent: radioDay.id,
    type: 'training',
    startsAt: dayAt(now, 35, 9).toISOString(),
    endsAt: dayAt(now, 35, 12).toISOString(),
    location: 'Clubhouse, Swansea Airport',
    capacity: 12,
    paymentMethod: 'online',
    price: 1500,
    memberPrices: [{ tier: tiers.personal!.id, amount: 1000 }],
    holdDays: 3,
    questions,
  } as never)
  const practical = await create({
    title: 'Radio training: practical (afternoon)',
    parent: radioDay.id,
    type: 'training',
    startsAt: dayAt(now, 35, 13).toISOString(),
    endsAt: dayAt(now, 35, 17).toISOString(),
    location: 'Tower and apron, Swansea Airport',
    capacity: 6,
    waitlist: true,
    paymentMethod: 'bank_transfer',
    price: 2500,
    bankAccount: 'GB82 WEST 1234 5698 7654 32',
    paymentInstructions: 'Please pay by bank transfer to Swansea Airport Stakeholders Alliance, quoting your reference.',
    holdDays: 5,
    paymentGraceDays: 2,
    registrationClosesAt: dayAt(now, 30, 18).toISOString(),
    questions,
  } as never)
  // two members hold afternoon places while their bank transfers are on the way
  await rsvp(payload, people.rhys!, practical, { answers: { hours: 40, lunch: 'Sandwiches', licence: 'FRTOL 12345' } })
  await rsvp(payload, people.carys!, practical, { answers: { hours: 0, lunch: 'Vegetarian' } })
  await create({
    title: 'Summer barbecue',
    type: 'social',
    summary: 'Burgers on the apron after the last landings. Registration opens a week from now; ask to be told.',
    startsAt: dayAt(now, 60, 18).toISOString(),
    endsAt: dayAt(now, 60, 22).toISOString(),
    location: 'Clubhouse terrace, Swansea Airport',
    capacity: 80,
    registrationOpensAt: dayAt(now, 7, 9).toISOString(),
  })
  ctx.report.created.push(`paid registration: a training day with a card session (${theory.title}) and a bank-transfer session with 2 places held; a barbecue whose registration opens next week`)
}

/** A member replies from the member site, as themselves. */
const rsvp = (payload: Payload, member: User, event: Event, data: Partial<Rsvp> = {}) =>
  payload.create({ collection: 'rsvps', data: { event: event.id, status: 'going', ...data } as never, user: member, overrideAccess: false, depth: 0 }) as Promise<Rsvp>

async function seedRsvps(ctx: DemoContext, events: DemoEvents): Promise<void> {
  const { payload, people, now } = ctx
  // Past: replies made before the safety evening (recorded as the system), and the check-in desk's ticks.
  const attended: Rsvp[] = []
  for (const key of ['member', 'rhys', 'carys', 'dafydd', 'iwan', 'owen', 'huw']) {
    attended.push((await payload.create({ collection: 'rsvps', data: { event: events.safetyEvening.id, member: people[key]!.id, status: 'going' }, depth: 0 })) as Rsvp)
  }
  const checkIns = attended.filter((_, i) => i !== 2 && i !== 5) // Carys and Owen sent apologies on the night
  for (const [i, row] of checkIns.entries()) {
    await inTransaction(await systemRequest(payload, people.events), async (req) => {
      await lockRow(req, 'rsvps', row.id)
      await payload.update({
        collection: 'rsvps',
        id: row.id,
        data: { checkedInAt: dayAt(now, -12, 18, 45 + i * 2).toISOString(), checkedInBy: people.events!.id },
        req,
        depth: 0,
      })
    })
  }

  // The tower visit fills its six places (guests count), then two more join the waitlist.
  await rsvp(payload, people.rhys!, events.towerVisit, { guests: 1, answers: { photoId: true } })
  await rsvp(payload, people.carys!, events.towerVisit, { answers: { photoId: true } })
  await rsvp(payload, people.dafydd!, events.towerVisit, { answers: { photoId: true } })
  await rsvp(payload, people.owen!, events.towerVisit, { guests: 1, answers: { photoId: true } })
  await rsvp(payload, people.iwan!, events.towerVisit, { answers: { photoId: true } })
  await rsvp(payload, people.member!, events.towerVisit, { answers: { photoId: true } })

  for (const key of ['member', 'huw', 'carys', 'sian', 'dafydd']) await rsvp(payload, people[key]!, events.membersMeeting)
  await rsvp(payload, people.rhys!, events.membersMeeting, { status: 'not_going' })
  for (const key of ['owen', 'rhys', 'member']) await rsvp(payload, people[key]!, events.flyIn, { guests: key === 'owen' ? 2 : 0 })
  await rsvp(payload, people.owen!, events.ownersForum)
  await rsvp(payload, people.huw!, events.ownersForum)
  ctx.report.created.push(`RSVPs: ${checkIns.length} checked in at the safety evening, the tower visit full with 2 on the waitlist`)
}

/** Notices as the secretary posts them: published, scheduled and a draft. */
export async function seedNotices(ctx: DemoContext, events: DemoEvents): Promise<void> {
  const { payload, now, tiers, people } = ctx
  const post = (data: Partial<Notice> & Pick<Notice, 'title' | 'body'>) =>
    payload.create({ collection: 'notices', data: { status: 'published', audience: 'members', ...data } as never, user: people.secretary, depth: 0 })
  await post({
    title: 'Runway 04/22 resurfacing: night closures',
    body: paragraphs(
      'The airport will resurface runway 04/22 over six nights next month. The runway is closed from 20:00 to 06:00 on those nights; the grass runway stays open by day.',
      'NOTAMs will give the exact dates. Please tell the tower if you plan a late return.',
    ),
    audience: 'public',
    publishAt: daysFromNow(now, -3).toISOString(),
  })
  await post({
    title: 'Master plan consultation: come to the members’ meeting',
    body: paragraphs('The airport operator’s draft master plan is out for consultation. We will agree the alliance’s response at the members’ meeting; the draft is in Documents.'),
    relatedEvent: events.membersMeeting.id,
    publishAt: daysFromNow(now, -1).toISOString(),
    emailAudience: true,
  })
  await post({
    title: 'Block hangar insurance for aircraft owners',
    body: paragraphs('Our broker has quoted a block policy for aircraft kept in the alliance hangars. Owners: details and the proposal form are in Documents, and we will discuss it at the owners’ forum.'),
    audience: 'tiers',
    audienceTiers: [tiers.owners.id, tiers.corporate.id],
    relatedEvent: events.ownersForum.id,
    publishAt: daysFromNow(now, -6).toISOString(),
  })
  await post({
    title: 'Minutes of the safety evening',
    body: paragraphs('Thank you to everyone who came. The minutes and the safety manager’s slides are now in Documents.'),
    relatedEvent: events.safetyEvening.id,
    publishAt: daysFromNow(now, -10).toISOString(),
  })
  await post({ title: 'AGM: call for committee nominations', body: paragraphs('Nominations for the committee close two weeks before the AGM.'), publishAt: daysFromNow(now, 5).toISOString() })
  await post({ title: 'Fuel price review (draft)', body: paragraphs('Draft for the committee: Avgas and UL91 prices from next quarter.'), status: 'draft' })
  ctx.report.created.push('notices: 4 published (public, members, aircraft owners), 1 scheduled, 1 draft')
}

type DemoDocument = { title: string; file: string; category: Document['category']; audience: Document['audience']; tiers?: Array<'owners' | 'corporate'>; forWhom: string; text: string[]; event?: keyof DemoEvents }

const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    title: 'Airport users’ guide',
    file: 'airport-users-guide.pdf',
    category: 'manuals',
    audience: 'public',
    forWhom: 'everyone',
    text: ['Opening hours, circuit directions, noise-sensitive areas and how to book out.', 'Air/ground radio: Swansea Radio. Visiting pilots should telephone before arrival.'],
  },
  {
    title: 'Minutes: safety evening',
    file: 'minutes-safety-evening.pdf',
    category: 'minutes',
    audience: 'members',
    forWhom: 'members',
    event: 'safetyEvening',
    text: ['Present: 5 members and the airport safety manager.', 'Actions: repaint the holding point markings at A1; brief new students on the grass runway crossing.'],
  },
  {
    title: 'Draft airport master plan: summary for members',
    file: 'master-plan-summary.pdf',
    category: 'other',
    audience: 'members',
    forWhom: 'members',
    event: 'membersMeeting',
    text: ['The operator proposes a new apron, solar panels on the north field and a visitor centre.', 'Questions for the members’ meeting are listed at the end of this summary.'],
  },
  {
    title: 'Hangarage licence: terms for aircraft owners',
    file: 'hangarage-licence-terms.pdf',
    category: 'policies',
    audience: 'tiers',
    tiers: ['owners', 'corporate'],
    forWhom: 'Aircraft Owners and Corporate members',
    event: 'ownersForum',
    text: ['Licences run for twelve months from the first of the month. Fuel must not be stored in hangars.', 'Block insurance proposal form attached at the end.'],
  },
  {
    title: 'Airside access procedure for corporate members',
    file: 'airside-access-corporate.pdf',
    category: 'manuals',
    audience: 'tiers',
    tiers: ['corporate'],
    forWhom: 'Corporate members',
    text: ['Airside passes are requested by the company contact. Escorted visitors must be signed in at the fire station.'],
  },
  {
    title: 'Volunteer fire cover checklist',
    file: 'fire-cover-checklist.pdf',
    category: 'forms',
    audience: 'members',
    forWhom: 'members',
    text: ['Before the first movement: check the appliance, extinguishers and radio; sign the cover log with the tower.'],
  },
]

/** Documents as the secretary uploads them, each a small real PDF made now. */
export async function seedDocuments(ctx: DemoContext, events: DemoEvents): Promise<void> {
  const { payload, tiers, people } = ctx
  const organisation = (await payload.findGlobal({ slug: 'settings', depth: 0 })).organisationName
  for (const doc of DEMO_DOCUMENTS) {
    const bytes = await demoPdf({ title: doc.title, audience: doc.forWhom, paragraphs: doc.text, organisation })
    await payload.create({
      collection: 'documents',
      data: {
        title: doc.title,
        category: doc.category,
        audience: doc.audience,
        audienceTiers: doc.tiers?.map((key) => tiers[key].id),
        relatedEvent: doc.event ? events[doc.event].id : undefined,
        description: `For ${doc.forWhom}.`,
      } as never,
      file: { data: bytes, mimetype: 'application/pdf', name: doc.file, size: bytes.length },
      user: people.secretary,
      depth: 0,
    })
  }
  ctx.report.created.push(`documents: ${DEMO_DOCUMENTS.length} PDFs for the public, members, aircraft owners and corporate members`)
}
