import type { PayloadRequest } from 'payload'

import type { User } from '@payload-types'

import { prepareTemplate, resetPasswordLink, siteLinks } from '@/email/queue'
import { renderEmail } from '@/email/render'
import { memberVariables } from '@/email/variables'

/**
 * Payload's own forgot-password mail (GraphQL, the Local API) says what the `password-reset`
 * template says and links to the member site's page, not /admin/reset.
 */
async function render(req: PayloadRequest, token: string, user: User) {
  const { template, organisationName } = await prepareTemplate(req.payload, 'password-reset', req)
  return renderEmail(template, {
    member: memberVariables(user),
    organisation: { name: organisationName },
    links: { ...siteLinks(), resetPassword: resetPasswordLink(token) },
  })
}

export const forgotPasswordEmail = {
  generateEmailHTML: async (args?: { req?: PayloadRequest; token?: string; user?: unknown }) =>
    (await render(args!.req!, args!.token!, args!.user as User)).html,
  generateEmailSubject: async (args?: { req?: PayloadRequest; token?: string; user?: unknown }) =>
    (await render(args!.req!, args!.token!, args!.user as User)).subject,
}
