import type { TaskConfig } from 'payload'

import type { User } from '@payload-types'

import { queueEmail, resetPasswordLink } from '@/email/queue'
import { memberVariables } from '@/email/variables'

/**
 * A forgot-password request, done off the request (SPEC §11): the endpoint queues this for any
 * email and answers at once, so neither its answer nor its timing tells whether there is an
 * account. Here an account gets a reset token and the `password-reset` email; no account, nothing.
 */
export const passwordResetTask: TaskConfig<'passwordReset'> = {
  slug: 'passwordReset',
  label: 'Send a password reset link',
  inputSchema: [{ name: 'email', type: 'text', required: true }],
  retries: 3,
  handler: async ({ input, req }) => {
    const { payload } = req
    const email = String(input.email ?? '').trim().toLowerCase()
    const user = (await payload.db.findOne({ collection: 'users', where: { email: { equals: email } }, req })) as User | null
    if (!user) return { output: {} }
    const token = await payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true, req })
    if (!token) return { output: {} }
    await queueEmail(req, {
      template: 'password-reset',
      to: user.email,
      variables: { member: memberVariables(user), links: { resetPassword: resetPasswordLink(token) } },
      related: { relationTo: 'users', value: user.id },
    })
    return { output: {} }
  },
}
