/**
 * Every email goes through here (SPEC §4): rendered from its template, recorded in
 * `notifications` as queued and handed to the `sendEmail` job, all in the caller's transaction.
 * If the change that causes the email rolls back, so does the email; once it commits, the
 * email is sent or retried until it is, never lost.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { EmailTemplate, Notification } from '@payload-types'

import { renderEmail } from './render'
import type { EmailTemplateKey } from './templates'
import { DEFAULT_TEMPLATES } from './templates'

export type RelatedDocument = { relationTo: 'memberships' | 'payments' | 'users' | 'notices'; value: number }

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

export async function queueEmail(
  req: PayloadRequest,
  args: { template: EmailTemplateKey; to: string; variables?: Record<string, unknown>; related?: RelatedDocument; prepared?: PreparedTemplate },
): Promise<Notification> {
  const { payload } = req
  const { template, organisationName } = args.prepared ?? (await prepareTemplate(payload, args.template, req))
  const variables = args.variables ?? {}
  const rendered = renderEmail(template, {
    ...variables,
    organisation: { name: organisationName },
    links: { ...siteLinks(), ...((variables.links as object | undefined) ?? {}) },
  })
  const notification = (await payload.create({
    collection: 'notifications',
    data: {
      recipient: args.to,
      template: args.template,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      status: 'queued',
      attempts: 0,
      relatedTo: args.related ?? null,
    },
    req,
    overrideAccess: true,
    depth: 0,
  })) as Notification
  await payload.jobs.queue({ task: 'sendEmail', queue: 'email', input: { notification: notification.id }, req })
  return notification
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
  args: { template: EmailTemplateKey; variables?: Record<string, unknown>; related?: RelatedDocument },
): Promise<void> {
  // Staff templates link to the record in the admin panel.
  const portal = args.related ? `${siteUrl()}/admin/collections/${args.related.relationTo}/${args.related.value}` : `${siteUrl()}/admin`
  const variables = { ...args.variables, links: { ...((args.variables?.links as object | undefined) ?? {}), portal } }
  for (const to of await staffRecipients(req.payload, req)) await queueEmail(req, { ...args, variables, to })
}
