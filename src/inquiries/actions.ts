/**
 * What staff do with an inquiry (SPEC §14), each in one transaction with the inquiry's row locked:
 * change its status by hand, assign it (logged, the assignee emailed), reply (the email queued, the
 * thread kept, the status moved to responded), and what the visitor writing again does. Every
 * status change goes through the state machine (./lifecycle.ts) and into the inquiry's history.
 * Conversion to a member is in ./convert.ts.
 */
import type { PayloadRequest } from 'payload'

import type { Inquiry, InquiryTemplate, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { reachesAll, rolesReachingAll } from '@/access/resolve'
import { rolesInWords, STAFF_ROLES } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { hasRole } from '@/access/subjects'
import { queueEmail, siteLinks } from '@/email/queue'
import { renderSubject, renderText } from '@/email/render'
import { RefusedError } from '@/lib/errors'
import { findLocked, findOrRefuse } from '@/lib/findOrRefuse'
import { inTransaction } from '@/lib/transaction'

import type { InquiryCause, InquiryStatus } from './lifecycle'
import { DEFAULT_INQUIRY_FOLLOW_UP_DAYS, INQUIRY_STATUS_LABELS, REPLIABLE, checkInquiryTransition, followUpAfter, statusAfterAssignment, statusAfterVisitorMessage } from './lifecycle'
import { contactVariables, fullName, inquiryAdminUrl, inquiryVariables, staffVariables } from './variables'

export const MAX_REPLY_LENGTH = 20_000

/** Whether the request's user manages inquiries (the matrix's update grant on every inquiry): the secretary, admins. */
export function managesInquiries(req: PayloadRequest): boolean {
  return Boolean(req.user) && reachesAll('inquiries', req.user as Actor, 'update')
}

/** Refuses anyone but those who manage inquiries (the matrix's update grant on every inquiry). */
export function refuseUnlessManagesInquiries(req: PayloadRequest, what: string): User {
  if (!req.user) throw new RefusedError(`Sign in to ${what}.`, 401)
  if (!reachesAll('inquiries', req.user as Actor, 'update')) {
    throw new RefusedError(`Only ${rolesInWords(rolesReachingAll('inquiries', 'update'))} can ${what}.`, 403)
  }
  return req.user as User
}

/** Days an inquiry may wait for our reply before its assignee is reminded (settings, default 5). */
export async function followUpDays(req: PayloadRequest): Promise<number> {
  const settings = await req.payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true, req })
  const days = Number((settings as { inquiryFollowUpDays?: number | null }).inquiryFollowUpDays)
  return Number.isFinite(days) && days > 0 ? days : DEFAULT_INQUIRY_FOLLOW_UP_DAYS
}

type Change = { to: InquiryStatus; cause: InquiryCause; reason?: string | null; data?: Partial<Inquiry> }

/**
 * Moves an inquiry (already locked by the caller) to a status, or only writes `data` when the
 * status stays: checked by the state machine, recorded in the history with who, when and why, and
 * the follow-up date set or cleared.
 */
export async function changeInquiry(req: PayloadRequest, inquiry: Inquiry, change: Change): Promise<Inquiry> {
  const from = inquiry.status as InquiryStatus
  const now = new Date()
  let data: Partial<Inquiry> = { ...change.data }
  if (change.to !== from) {
    const check = checkInquiryTransition({ from, to: change.to, cause: change.cause, reason: change.reason })
    if (!check.ok) throw new RefusedError(check.message, 400, { code: check.code, from, to: change.to })
    const followUp = followUpAfter({ from, to: change.to, followUpDue: inquiry.followUpDue, followUpReminderSentAt: inquiry.followUpReminderSentAt }, now, await followUpDays(req))
    data = {
      ...data,
      ...followUp,
      status: change.to,
      history: [...(inquiry.history ?? []), { from, to: change.to, at: now.toISOString(), by: req.user?.id ?? null, cause: change.cause, reason: change.reason?.trim() || null }],
    }
  }
  return (await req.payload.update({ collection: 'inquiries', id: inquiry.id, data, req, overrideAccess: true, depth: 0 })) as Inquiry
}

/** `POST /api/inquiries/:id/transition` `{ to, reason? }`: a status chosen by hand. */
export async function transitionInquiryByHand(req: PayloadRequest, id: unknown, to: InquiryStatus, reason: string | null): Promise<Inquiry> {
  return inTransaction(req, async () => {
    const inquiry = (await findLocked(req, 'inquiries', id, 'There is no such inquiry.')) as Inquiry
    if (inquiry.status === to) throw new RefusedError(`The inquiry is already ${INQUIRY_STATUS_LABELS[to].toLowerCase()}.`, 409)
    return changeInquiry(req, inquiry, { to, cause: 'staff', reason })
  })
}

/** Whether a person may be given inquiries: someone with a staff role whose data has not been erased. */
function isStaff(user: User): boolean {
  return hasRole(user as Actor, ...STAFF_ROLES) && !user.erasedAt
}

/**
 * `POST /api/inquiries/:id/assign` `{ assignee, note? }`: gives the inquiry to a member of staff
 * (or to another one). Logged in the inquiry's assignments; a new inquiry becomes assigned; the
 * assignee is emailed (not when they assign it to themself).
 */
export async function assignInquiry(req: PayloadRequest, id: unknown, args: { assignee: unknown; note?: string | null }): Promise<Inquiry> {
  const assignee = (await findOrRefuse(req, 'users', args.assignee, 'Choose a member of staff to assign it to (assignee).', 400)) as User
  if (!isStaff(assignee)) throw new RefusedError('Inquiries are assigned to staff: this person has no staff role.', 400)
  return inTransaction(req, async () => {
    const inquiry = (await findLocked(req, 'inquiries', id, 'There is no such inquiry.')) as Inquiry
    const status = inquiry.status as InquiryStatus
    const to = statusAfterAssignment(status)
    if (!to) throw new RefusedError(`An inquiry that is ${INQUIRY_STATUS_LABELS[status].toLowerCase()} cannot be assigned.`, 400, { from: status })
    const previous = idOf(inquiry.assignee) ?? null
    if (previous === assignee.id) throw new RefusedError(`The inquiry is already assigned to ${fullName(assignee)}.`, 409)
    const note = args.note?.trim() || null
    const entry = { from: previous as number | null, to: assignee.id, at: new Date().toISOString(), by: req.user?.id ?? null, note }
    const updated = await changeInquiry(req, inquiry, {
      to,
      cause: 'assign',
      reason: `Assigned to ${fullName(assignee)}`,
      data: { assignee: assignee.id, assignments: [...(inquiry.assignments ?? []), entry] },
    })
    if (assignee.id !== req.user?.id) {
      await queueEmail(req, {
        template: 'inquiry-assigned',
        to: assignee.email,
        variables: {
          assignee: { firstName: assignee.firstName },
          assignedBy: fullName(req.user as User | null) || 'Someone',
          note: note ?? '',
          contact: contactVariables(inquiry),
          inquiry: inquiryVariables(inquiry),
          links: { inquiry: inquiryAdminUrl(inquiry.id) },
        },
        related: { relationTo: 'inquiries', value: inquiry.id },
      })
    }
    return updated
  })
}

/** The response templates that fit an inquiry, best first: its type and language, its type, then any type. */
export async function templatesFor(req: PayloadRequest, inquiry: Pick<Inquiry, 'type' | 'language'>): Promise<InquiryTemplate[]> {
  const { docs } = await req.payload.find({ collection: 'inquiry-templates', pagination: false, depth: 0, req, overrideAccess: true, sort: 'name' })
  const score = (t: InquiryTemplate) => {
    if (t.inquiryType && t.inquiryType !== inquiry.type) return -1
    if (t.language && t.language !== (inquiry.language ?? null)) return -1
    return (t.inquiryType ? 2 : 0) + (t.language ? 1 : 0)
  }
  return (docs as InquiryTemplate[])
    .map((t) => ({ t, s: score(t) }))
    .filter(({ s }) => s >= 0)
    .sort((a, b) => b.s - a.s)
    .map(({ t }) => t)
}

/** A response template filled in for an inquiry: the words staff see, edit and send. */
export function fillTemplate(template: Pick<InquiryTemplate, 'subject' | 'body'>, inquiry: Inquiry, staff: User | null, organisationName: string): { subject: string; body: string } {
  const variables = { contact: contactVariables(inquiry), inquiry: inquiryVariables(inquiry), staff: staffVariables(staff), organisation: { name: organisationName }, links: siteLinks() }
  return { subject: renderSubject(template.subject, variables), body: renderText(template.body, variables) }
}

async function organisationName(req: PayloadRequest): Promise<string> {
  return (await req.payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true, req })).organisationName ?? ''
}

/** `GET /api/inquiries/:id/reply-preview?template=`: the template (or the best fit) filled in, and the templates that fit. */
export async function previewReply(req: PayloadRequest, id: unknown, templateId: unknown) {
  const inquiry = (await findOrRefuse(req, 'inquiries', id, 'There is no such inquiry.')) as Inquiry
  const fitting = await templatesFor(req, inquiry)
  const chosen = templateId === undefined || templateId === null || templateId === '' ? fitting[0] : ((await findOrRefuse(req, 'inquiry-templates', templateId, 'There is no such response template.', 400)) as InquiryTemplate)
  const filled = chosen ? fillTemplate(chosen, inquiry, req.user as User, await organisationName(req)) : { subject: `Re: ${inquiry.subject}`, body: '' }
  return { template: chosen?.id ?? null, ...filled, templates: fitting.map((t) => ({ id: t.id, name: t.name, inquiryType: t.inquiryType ?? null, language: t.language ?? null })) }
}

/**
 * `POST /api/inquiries/:id/reply` `{ template?, subject?, body? }`: our reply, by email through the
 * queue. The words are the ones given, or the template filled in; unknown variables in a template
 * render empty. The thread keeps it; the inquiry becomes responded (a second reply stays there).
 */
export async function replyToInquiry(req: PayloadRequest, id: unknown, args: { template?: unknown; subject?: unknown; body?: unknown }): Promise<Inquiry> {
  if (args.subject !== undefined && args.subject !== null && typeof args.subject !== 'string') throw new RefusedError('"subject" must be text.', 400)
  if (args.body !== undefined && args.body !== null && typeof args.body !== 'string') throw new RefusedError('"body" must be text.', 400)
  const template =
    args.template === undefined || args.template === null || args.template === ''
      ? null
      : ((await findOrRefuse(req, 'inquiry-templates', args.template, 'There is no such response template.', 400)) as InquiryTemplate)
  return inTransaction(req, async () => {
    const inquiry = (await findLocked(req, 'inquiries', id, 'There is no such inquiry.')) as Inquiry
    const status = inquiry.status as InquiryStatus
    if (!REPLIABLE.includes(status)) throw new RefusedError(`An inquiry that is ${INQUIRY_STATUS_LABELS[status].toLowerCase()} takes no reply.`, 400, { from: status })
    const filled = template ? fillTemplate(template, inquiry, req.user as User, await organisationName(req)) : null
    const subject = ((args.subject as string | undefined)?.trim() || filled?.subject || `Re: ${inquiry.subject}`).replace(/\s+/g, ' ').slice(0, 200)
    const body = ((args.body as string | undefined)?.replace(/\r\n?/g, '\n').trim() || filled?.body || '').trim()
    if (!body) throw new RefusedError('Write the reply (body), or choose a response template (template).', 400)
    if (body.length > MAX_REPLY_LENGTH) throw new RefusedError(`Keep the reply to ${MAX_REPLY_LENGTH} characters.`, 400)
    const notification = await queueEmail(req, {
      template: 'inquiry-reply',
      to: inquiry.email,
      variables: { contact: contactVariables(inquiry), inquiry: inquiryVariables(inquiry), reply: { subject, body } },
      related: { relationTo: 'inquiries', value: inquiry.id },
    })
    const message = { direction: 'out' as const, subject, body, at: new Date().toISOString(), by: req.user?.id ?? null, notification: notification.id, template: template?.id ?? null }
    return changeInquiry(req, inquiry, { to: 'responded', cause: 'reply', reason: template ? `Replied with “${template.name}”` : 'Replied', data: { messages: [...(inquiry.messages ?? []), message] } })
  })
}

/**
 * The visitor wrote again (the form sent the same email and subject within the dedup window):
 * the thread gains the message unless it repeats one already there, and an answered or closed
 * inquiry waits for us again. Inside the intake's transaction.
 */
export async function appendVisitorMessage(req: PayloadRequest, found: Inquiry, message: { subject: string; body: string }): Promise<Inquiry> {
  const inquiry = (await findLocked(req, 'inquiries', found.id, 'There is no such inquiry.')) as Inquiry
  const repeated = (inquiry.messages ?? []).some((m) => m.direction === 'in' && m.body === message.body)
  if (repeated) return inquiry
  const messages = [...(inquiry.messages ?? []), { direction: 'in' as const, subject: message.subject, body: message.body, at: new Date().toISOString() }]
  const status = inquiry.status as InquiryStatus
  return changeInquiry(req, inquiry, { to: statusAfterVisitorMessage(status), cause: 'visitor', reason: 'The visitor wrote again', data: { messages } })
}

