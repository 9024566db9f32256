import type { TaskConfig } from 'payload'

import { issueSignInLink } from '@/security/signInLink'

/**
 * A sign-in link request, done off the request (src/security/signInLink.ts): the endpoint or form
 * queues this for any email and answers at once. An account gets a new link and code by email;
 * no account, nothing.
 */
export const signInLinkTask: TaskConfig<'signInLink'> = {
  slug: 'signInLink',
  label: 'Send a sign-in link',
  inputSchema: [
    { name: 'email', type: 'text', required: true },
    { name: 'next', type: 'text' },
  ],
  retries: 3,
  handler: async ({ input, req }) => {
    await issueSignInLink(req, String(input.email ?? '').trim().toLowerCase(), input.next ?? undefined)
    return { output: {} }
  },
}
