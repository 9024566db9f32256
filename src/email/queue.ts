/**
 * Every email goes through here (SPEC §4): rendered from its template, recorded in
 * `notifications` as queued and handed to the `sendEmail` job, all in the caller's transaction.
 * If the change that causes the email rolls back, so does the email; once it commits, the
 * email is sent or retried until it is, never lost.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { EmailTemplate, Notification } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { tableOf, transactionDb } from '@/lib/db'
import { queueTasks } from '@/lib/jobs'

import { renderEmail } from './render'
import type { EmailTemplateKey } from './templates'
import { DEFAULT_TEMPLATES } from './templates'

export type RelatedDocument = { relationTo: 'memberships' | 'payments' | 'users' | 'notices' | 'inquiries'; value: number }

/** Where links in emails point: SERVER_URL, or the development server. */
export function siteUrl(): string {
  return (process.env.SERVER_URL?.trim() || 'http://localhost:3000').replace(/\/$/, '')
}

export function siteLinks() {
  const site = siteUrl()
  return { portal: `${site}/account`, renew: `${site}/account`, join: `${site}/tiers`, signIn: `${site}/sign-in`, forgotPassword: `${site}/forgot-password` }
}

/** The member site's page where a password reset link leads (app/(site)/reset-password/[token]). */
export const resetPasswordLink = (token: string) => `${siteUrl()}/reset-password/${encodeURIComponent(token)}`

/** The template as the admins last edited it, or the default when it has not been seeded. */
export async function loadTemplate(payload: Payload, key: EmailTemplateKey, req?: PayloadRequest): Promise<{ subject: string; body: string }> {
  const { docs } = await payload.find({ collection: 'email-templates', where: { key: { equals: key } }, limit: 1, depth: 0, req, overrideAccess: true })
  const stored = docs[0] as EmailTemplate | undefined
  return stored ?? DEFAULT_TEMPLATES[key]
}

/** What every email of one kind shares; a job sending many (the daily reminders) loads it once. */
export type PreparedTemplate = { template: { subject: string; body: string }; organisationName: string }

export async function prepareTemplate(payload: Payload, key: EmailTemplateKey, req?: PayloadRequest): Promise<PreparedTemplate> {
  const [template, settings] = await Promise.all([loadTemplate(payload, key, req), payload.findGlobal({ slug: 'settings', req, depth: 0, overrideAccess: true })])
  return { template, organisationName: settings.organisationName }
}

export type QueuedEmail = { template: EmailTemplateKey; to: string; variables?: Record<string, unknown>; related?: RelatedDocument; prepared?: PreparedTemplate }

/** A notification as queued: its id is what the sendEmail job and the ledgers refer to. */
export type QueuedNotification = Pick<Notification, 'id' | 'recipient' | 'template' | 'subject'>

export async function queueEmail(req: PayloadRequest, email: QueuedEmail): Promise<QueuedNotification> {
  return (await queueEmails(req, [email]))[0]!
}

/**
 * Queues emails together, in the caller's transaction: one INSERT of their notifications (and
 * one of what each relates to), one of their sendEmail jobs, however many there are; the daily
 * reminders queue hundreds at a time. Notifications are written by this module alone, so the
 * rows are built here rather than through Payload's create operation (a few milliseconds of
 * hooks and re-reading each); the collection's beforeChange hooks still see every one, so one
 * added later is not skipped.
 */
export async function queueEmails(req: PayloadRequest, emails: readonly QueuedEmail[]): Promise<QueuedNotification[]> {
  if (emails.length === 0) return []
  const { payload } = req
  const collection = payload.collections.notifications.config
  const templates = new Map<EmailTemplateKey, Promise<PreparedTemplate>>()
  const rows: Array<Omit<Notification, 'id' | 'createdAt' | 'updatedAt'>> = []
  for (const email of emails) {
    if (!email.prepared && !templates.has(email.template)) templates.set(email.template, prepareTemplate(payload, email.template, req))
    const { template, organisationName } = email.prepared ?? (await templates.get(email.template)!)
    const variables = email.variables ?? {}
    const rendered = renderEmail(template, {
      ...variables,
      organisation: { name: organisationName },
      links: { ...siteLinks(), ...((variables.links as object | undefined) ?? {}) },
    })
    let data: (typeof rows)[number] = {
      recipient: email.to,
      template: email.template,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      status: 'queued',
      attempts: 0,
      relatedTo: email.related ?? null,
    }
    for (const hook of collection.hooks.beforeChange) {
      data = (await hook({ collection, context: req.context, data, operation: 'create', originalDoc: undefined, req })) ?? data
    }
    rows.push(data)
  }
  const db = await transactionDb(req)
  const now = new Date().toISOString()
  const returned: Array<{ id: number }> = await db
    .insert(tableOf(payload, 'notifications'))
    .values(rows.map(({ relatedTo: _related, ...row }) => ({ ...row, createdAt: now, updatedAt: now })))
    .returning({ id: tableOf(payload, 'notifications').id })
  // ids are drawn in the order of the rows; sorted, they pair with `rows` whatever order RETURNING uses
  const inserted = returned.sort((a, b) => a.id - b.id)
  const related = rows.flatMap((row, i) =>
    row.relatedTo ? [{ parent: inserted[i]!.id, path: 'relatedTo', [`${row.relatedTo.relationTo}ID`]: idOf(row.relatedTo.value) }] : [],
  )
  if (related.length > 0) await db.insert(tableOf(payload, 'notifications_rels')).values(related)
  await queueTasks(
    req,
    'sendEmail',
    'email',
    inserted.map(({ id }) => ({ notification: id })),
  )
  return inserted.map(({ id }, i) => ({ id, recipient: rows[i]!.recipient, template: rows[i]!.template, subject: rows[i]!.subject }))
}

/** Where staff notifications go: the address in settings, or every admin. */
export async function staffRecipients(payload: Payload, req?: PayloadRequest): Promise<string[]> {
  const settings = await payload.findGlobal({ slug: 'settings', req, depth: 0, overrideAccess: true })
  if (settings.staffNotificationEmail) return [settings.staffNotificationEmail]
  const { docs } = await payload.find({
    collection: 'users',
    where: { roles: { in: ['admin', 'superuser'] } },
    limit: 20,
    depth: 0,
    req,
    overrideAccess: true,
  })
  return docs.map((user) => user.email)
}

export async function queueStaffEmail(
  req: PayloadRequest,
  args: Omit<QueuedEmail, 'to' | 'prepared'>,
): Promise<void> {
  // Staff templates link to the record in the admin panel.
  const portal = args.related ? `${siteUrl()}/admin/collections/${args.related.relationTo}/${args.related.value}` : `${siteUrl()}/admin`
  const variables = { ...args.variables, links: { ...((args.variables?.links as object | undefined) ?? {}), portal } }
  const recipients = await staffRecipients(req.payload, req)
  if (recipients.length === 0) return
  const prepared = await prepareTemplate(req.payload, args.template, req)
  await queueEmails(
    req,
    recipients.map((to) => ({ ...args, variables, to, prepared })),
  )
}
