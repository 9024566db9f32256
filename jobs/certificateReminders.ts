import type { Payload, TaskConfig } from 'payload'

import type { Certificate, CertificateType, User, VolunteerAssignment, VolunteerRole } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { prepareTemplate, queueEmail, siteUrl } from '@/email/queue'
import { formatDay } from '@/email/variables'
import { claimOnce } from '@/lib/claimOnce'
import { certificateStatus } from '@/volunteering/eligibility'
import { dueCertificateReminder } from '@/volunteering/reminders'
import { factsOf, requiredTypeIds } from '@/volunteering/standing'

import { recordJobRun } from './health'

export const DEFAULT_CERTIFICATE_REMINDER_DAYS = [60, 30, 7]

export type CertificateReminderReport = { considered: number; queued: number; alreadySent: number; notNeeded: number }

/**
 * One daily run: verified certificates expiring within the longest offset, held by someone
 * whose active role requires that type and who has not already a later certificate of the
 * type. The due step (the latest whose day has come) is claimed in the ledger and its email
 * queued in one transaction; the unique constraint turns a second claim away.
 */
export async function runCertificateReminders(payload: Payload, options: { today?: Date } = {}): Promise<CertificateReminderReport> {
  const today = options.today ?? new Date()
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
  const offsets = (settings.certificateReminderDays as number[] | null | undefined) ?? DEFAULT_CERTIFICATE_REMINDER_DAYS
  const report: CertificateReminderReport = { considered: 0, queued: 0, alreadySent: 0, notNeeded: 0 }
  if (offsets.length === 0) return report
  const horizon = new Date(today.getTime() + (Math.max(...offsets) + 1) * 86_400_000)

  const { docs: expiring } = await payload.find({
    collection: 'certificates',
    where: { and: [{ verified: { equals: true } }, { expiresOn: { greater_than: today.toISOString() } }, { expiresOn: { less_than_equal: horizon.toISOString() } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  if (expiring.length === 0) return report
  const memberIds = [...new Set((expiring as Certificate[]).map((c) => idOf(c.member) as number))]
  const [assignments, roles, types, others, ledger, members] = await Promise.all([
    payload.find({ collection: 'volunteer-assignments', where: { and: [{ member: { in: memberIds } }, { status: { equals: 'active' } }] }, pagination: false, depth: 0, overrideAccess: true }),
    payload.find({ collection: 'volunteer-roles', pagination: false, depth: 0, overrideAccess: true }),
    payload.find({ collection: 'certificate-types', pagination: false, depth: 0, overrideAccess: true }),
    payload.find({ collection: 'certificates', where: { member: { in: memberIds } }, pagination: false, depth: 0, overrideAccess: true }),
    payload.find({ collection: 'certificate-reminders', where: { certificate: { in: expiring.map((c) => c.id) } }, pagination: false, depth: 0, overrideAccess: true }),
    payload.find({ collection: 'users', where: { id: { in: memberIds } }, pagination: false, depth: 0, overrideAccess: true }),
  ])
  const roleById = new Map((roles.docs as VolunteerRole[]).map((r) => [r.id, r]))
  const typeName = new Map((types.docs as CertificateType[]).map((t) => [t.id, t.name]))
  const memberById = new Map((members.docs as User[]).map((u) => [u.id, u]))
  const prepared = await prepareTemplate(payload, 'certificate-expiring')

  for (const certificate of expiring as Certificate[]) {
    report.considered += 1
    const memberId = idOf(certificate.member) as number
    const typeId = idOf(certificate.type) as number
    const needed = (assignments.docs as VolunteerAssignment[]).some(
      (a) => idOf(a.member) === memberId && requiredTypeIds(roleById.get(idOf(a.role) as number) ?? {}).includes(typeId),
    )
    // a renewed certificate of the same type, verified and lasting longer, makes this one moot
    const renewed = (others.docs as Certificate[]).some(
      (c) =>
        c.id !== certificate.id &&
        idOf(c.member) === memberId &&
        idOf(c.type) === typeId &&
        certificateStatus(factsOf(c), today) !== 'unverified' &&
        (!c.expiresOn || new Date(c.expiresOn) > new Date(certificate.expiresOn!)),
    )
    const member = memberById.get(memberId)
    if (!needed || renewed || !member) {
      report.notNeeded += 1
      continue
    }
    const sent = ledger.docs.filter((r) => idOf(r.certificate) === certificate.id && r.expiresOn === certificate.expiresOn).map((r) => r.daysBefore)
    const step = dueCertificateReminder(certificate.expiresOn!, today, offsets, sent)
    if (step === null) {
      report[sent.length > 0 ? 'alreadySent' : 'notNeeded'] += 1
      continue
    }
    const claimed = await claimAndQueue(payload, { certificate, member, step, typeName: typeName.get(typeId) ?? 'volunteer', today, prepared })
    report[claimed ? 'queued' : 'alreadySent'] += 1
  }
  return report
}

function claimAndQueue(
  payload: Payload,
  args: { certificate: Certificate; member: User; step: number; typeName: string; today: Date; prepared: Awaited<ReturnType<typeof prepareTemplate>> },
): Promise<boolean> {
  const { certificate, member, step } = args
  return claimOnce(
    payload,
    {
      ledger: 'certificate-reminders',
      where: { and: [{ certificate: { equals: certificate.id } }, { expiresOn: { equals: certificate.expiresOn } }, { daysBefore: { equals: step } }] },
      data: { certificate: certificate.id, member: member.id, expiresOn: certificate.expiresOn!, daysBefore: step },
      serialiseOn: `certificate-reminders:${certificate.id}`,
    },
    async (req, reminder) => {
      const daysLeft = Math.ceil((new Date(certificate.expiresOn!).getTime() - args.today.getTime()) / 86_400_000)
      const notification = await queueEmail(req, {
        template: 'certificate-expiring',
        prepared: args.prepared,
        to: member.email,
        related: { relationTo: 'users', value: member.id },
        variables: {
          member: { firstName: member.firstName },
          certificate: { type: args.typeName, expiresOn: formatDay(certificate.expiresOn) },
          reminder: { daysLeft, when: daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days` },
          links: { portal: `${siteUrl()}/volunteering` },
        },
      })
      await payload.update({ collection: 'certificate-reminders', id: reminder, data: { notification: notification.id }, req, overrideAccess: true, depth: 0 })
    },
  )
}

export const certificateRemindersTask: TaskConfig<'certificateReminders'> = {
  slug: 'certificateReminders',
  label: 'Send certificate expiry reminders',
  inputSchema: [{ name: 'today', type: 'date' }],
  outputSchema: [
    { name: 'considered', type: 'number' },
    { name: 'queued', type: 'number' },
    { name: 'alreadySent', type: 'number' },
    { name: 'notNeeded', type: 'number' },
  ],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  schedule: [{ cron: '0 15 7 * * *', queue: 'nightly' }],
  handler: async ({ input, req }) => {
    const report = await runCertificateReminders(req.payload, { today: input?.today ? new Date(input.today) : undefined })
    await recordJobRun(req.payload, 'certificateReminders')
    req.payload.logger.info(`Certificate reminders: ${report.queued} queued, ${report.alreadySent} already sent, of ${report.considered} expiring`)
    return { output: report }
  },
}
