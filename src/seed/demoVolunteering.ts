/**
 * The demo's volunteering: verified certificates, members in the Fire, Radio and General roles,
 * availability, the open day's shifts a month ago (attended, so there are hours) and the
 * fly-in's shifts ahead (some places taken, some open for the demo member to sign up for).
 */
import { subDays } from 'date-fns/subDays'
import type { Payload } from 'payload'

import type { CertificateType, Shift, User, VolunteerRole } from '@payload-types'

import { lockRow } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'
import { joinShift, recordAttendance } from '@/volunteering/roster'

import type { DemoContext } from './context'
import { dayAt } from './context'
import type { DemoEvents } from './demoContent'

async function byName<T>(payload: Payload, collection: 'volunteer-roles' | 'certificate-types', name: string): Promise<T | undefined> {
  return (await payload.find({ collection, where: { name: { equals: name } }, limit: 1, depth: 0 })).docs[0] as T | undefined
}

/**
 * A shift that has already happened, with the people who were on it. They joined before it
 * began; the roster functions refuse to add anyone to a shift that has started, so the rows
 * are written as joinShift writes them, under the shift's lock. Attendance is then recorded by
 * the coordinator the usual way (recordAttendance credits the shift's length).
 */
async function pastShiftWith(payload: Payload, coordinator: User, shift: Shift, members: User[], came: User[]): Promise<void> {
  const joinedAt = subDays(new Date(shift.startsAt), 7).toISOString()
  await inTransaction(await systemRequest(payload, coordinator), async (req) => {
    await lockRow(req, 'shifts', shift.id)
    const assigned = members.map((m) => ({ member: m.id, via: 'coordinator' as const, addedAt: joinedAt, addedBy: coordinator.id, attended: false, hours: null }))
    await payload.update({ collection: 'shifts', id: shift.id, data: { assigned }, req, overrideAccess: true, depth: 0, context: { roster: true } })
  })
  for (const member of members) await recordAttendance(payload, coordinator, shift.id, member.id, came.includes(member))
}

export async function seedVolunteering(ctx: DemoContext, events: DemoEvents): Promise<void> {
  const { payload, people, now } = ctx
  const [fire, radio, general] = await Promise.all(['Fire', 'Radio', 'General'].map((name) => byName<VolunteerRole>(payload, 'volunteer-roles', name)))
  const [fireTraining, radioLicence, firstAid] = await Promise.all(
    ['Fire training', 'Radio operator licence', 'First aid'].map((name) => byName<CertificateType>(payload, 'certificate-types', name)),
  )
  if (!fire || !radio || !general || !fireTraining || !radioLicence || !firstAid) {
    ctx.report.skipped.push('demo volunteering (the volunteer roles or certificate types were renamed)')
    return
  }
  const coordinator = people.volunteers!
  const { member, iwan, dafydd, carys } = people as Record<string, User>

  // Certificates the coordinator has checked; Carys's first aid runs out within the certificate reminders' window.
  const certificate = (holder: User, type: CertificateType, daysAgo: number, issuer: string, reference: string) =>
    payload.create({ collection: 'certificates', data: { member: holder.id, type: type.id, issuedOn: dayAt(now, -daysAgo, 0).toISOString(), issuer, reference, verified: true }, user: coordinator, depth: 0 })
  await certificate(member!, fireTraining, 90, 'West Wales Fire Training', 'WWFT-2291')
  await certificate(iwan!, fireTraining, 400, 'Mid and West Wales Fire and Rescue', 'MWWFRS-88412')
  await certificate(dafydd!, radioLicence, 900, 'Civil Aviation Authority', 'FRTOL-UK-104552')
  await certificate(carys!, firstAid, 3 * 365 - 40, 'St John Ambulance Cymru', 'SJAC-FA-55310')

  const assign = (who: User, role: VolunteerRole, notes: string) =>
    payload.create({ collection: 'volunteer-assignments', data: { member: who.id, role: role.id, status: 'active', notes }, user: coordinator, depth: 0 })
  await assign(member!, fire, 'Demo data')
  await assign(member!, general, 'Demo data')
  await assign(iwan!, fire, 'Airport fire crew, off duty at weekends.')
  await assign(dafydd!, radio, 'Holds the FRTOL; covers air/ground at events.')
  await assign(carys!, general, 'Prefers marshalling and the first aid post.')

  await payload.create({
    collection: 'availability',
    data: { member: member!.id, weekly: [{ day: 'sat', from: '08:00', to: '18:00' }, { day: 'sun', from: '08:00', to: '18:00' }], interestedRoles: [fire.id, general.id] },
    depth: 0,
  })
  await payload.create({
    collection: 'availability',
    data: { member: dafydd!.id, weekly: [{ day: 'sat', from: '09:00', to: '17:00' }], interestedRoles: [radio.id], notes: 'Not the first weekend of the month.' },
    depth: 0,
  })

  const shift = (role: VolunteerRole, days: number, from: number, to: number, location: string, peopleNeeded: number, event?: number) =>
    payload.create({ collection: 'shifts', data: { role: role.id, event, startsAt: dayAt(now, days, from).toISOString(), endsAt: dayAt(now, days, to).toISOString(), location, peopleNeeded }, user: coordinator, depth: 0 }) as Promise<Shift>

  // The open day a month ago: who was on which shift, and who came.
  const openDay = events.openDay.id
  await pastShiftWith(payload, coordinator, await shift(fire, -30, 9, 13, 'Fire station, apron 2', 2, openDay), [member!, iwan!], [member!, iwan!])
  await pastShiftWith(payload, coordinator, await shift(radio, -30, 9, 17, 'Control tower, air/ground', 1, openDay), [dafydd!], [dafydd!])
  await pastShiftWith(payload, coordinator, await shift(general, -30, 8, 12, 'Main gate car park', 3, openDay), [carys!], [carys!])
  await pastShiftWith(payload, coordinator, await shift(general, -30, 13, 16, 'Clubhouse teas', 3, openDay), [member!, carys!], [member!])

  // The fly-in in two weeks: the demo member is on fire cover, Dafydd on the radio, places still open.
  const flyIn = events.flyIn.id
  const fireCover = await shift(fire, 14, 9, 13, 'Fire station, apron 2', 2, flyIn)
  await shift(fire, 14, 13, 17, 'Fire station, apron 2', 2, flyIn)
  const radioCover = await shift(radio, 14, 9, 17, 'Control tower, air/ground', 1, flyIn)
  await shift(general, 15, 8, 12, 'Main gate car park', 4, flyIn)
  await joinShift(payload, coordinator, fireCover.id, member!.id, 'coordinator')
  await joinShift(payload, dafydd!, radioCover.id, dafydd!.id, 'signup')
  ctx.report.created.push('volunteering: certificates, roles, availability, the open day’s attended shifts and the fly-in’s shifts')
}
