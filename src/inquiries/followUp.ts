/**
 * Follow-up reminders (SPEC §14, seed 001 F03.02.15): an assigned inquiry that has waited for our
 * reply past its follow-up date (settings, default 5 days) reminds its assignee once. The hourly
 * `inquiryFollowUps` job (jobs/inquiryFollowUps.ts) runs this. "Once" is the marker
 * `followUpReminderSentAt`: each inquiry is locked, read again and marked in the same transaction
 * that queues the email, so two runners (or a retried run) send one reminder between them.
 */
import type { Payload } from 'payload'

import type { Inquiry, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { prepareTemplate, queueEmail } from '@/email/queue'
import { findLocked } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'

import { followUpDays } from './actions'
import { WAITING_FOR_US, isOverdue } from './lifecycle'
import { contactVariables, inquiryAdminUrl, inquiryVariables } from './variables'

export type FollowUpReport = { due: number; sent: number; alreadySent: number }

export async function runInquiryFollowUps(payload: Payload, options: { now?: Date } = {}): Promise<FollowUpReport> {
  const now = options.now ?? new Date()
  const report: FollowUpReport = { due: 0, sent: 0, alreadySent: 0 }
  const { docs } = await payload.find({
    collection: 'inquiries',
    where: {
      and: [
        { status: { in: [...WAITING_FOR_US] } },
        { followUpDue: { less_than_equal: now.toISOString() } },
        { followUpReminderSentAt: { exists: false } },
        { assignee: { exists: true } },
      ],
    },
    sort: 'followUpDue',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { status: true },
  })
  if (docs.length === 0) return report
  report.due = docs.length
  const prepared = await prepareTemplate(payload, 'inquiry-follow-up')
  for (const { id } of docs) {
    const req = await systemRequest(payload)
    const sent = await inTransaction(req, async () => {
      const inquiry = (await findLocked(req, 'inquiries', id, 'There is no such inquiry.')) as Inquiry
      // another runner got here first, or the inquiry was answered meanwhile
      if (inquiry.followUpReminderSentAt || !isOverdue(inquiry, now) || !inquiry.assignee) return false
      const assignee = (await payload.findByID({ collection: 'users', id: idOf(inquiry.assignee)!, depth: 0, req, overrideAccess: true, disableErrors: true })) as User | null
      await payload.update({ collection: 'inquiries', id: inquiry.id, data: { followUpReminderSentAt: now.toISOString() }, req, overrideAccess: true, depth: 0 })
      if (!assignee || assignee.erasedAt) return true
      await queueEmail(req, {
        template: 'inquiry-follow-up',
        prepared,
        to: assignee.email,
        variables: {
          assignee: { firstName: assignee.firstName },
          contact: contactVariables(inquiry),
          inquiry: { ...inquiryVariables(inquiry), waitingDays: String(await followUpDays(req)) },
          links: { inquiry: inquiryAdminUrl(inquiry.id) },
        },
        related: { relationTo: 'inquiries', value: inquiry.id },
      })
      return true
    })
    report[sent ? 'sent' : 'alreadySent'] += 1
  }
  return report
}

