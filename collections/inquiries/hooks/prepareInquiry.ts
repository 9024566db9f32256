import type { CollectionBeforeOperationHook, CollectionBeforeValidateHook } from 'payload'

import type { Inquiry } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { followUpDays, managesInquiries } from '@/inquiries/actions'
import { PUBLIC_INTAKE } from '@/inquiries/intake'
import { followUpAfter } from '@/inquiries/lifecycle'

/**
 * Visitors and members send inquiries through the contact form alone (POST /api/inquiries, the
 * member site's page), which throttles them and checks the honeypot; any other create by someone
 * who does not manage inquiries (GraphQL's createInquiry) is refused.
 */
export const onlyThroughTheForm: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'create' && !managesInquiries(req) && !(args as { overrideAccess?: boolean }).overrideAccess) {
    throw new RefusedError('Send a question with the contact form (POST /api/inquiries).', 403)
  }
  return args
}

/**
 * A new inquiry, from the form or recorded by staff (a phone call): the email lower-cased, status
 * `new` with its first history entry, the follow-up clock started and the message first in the thread.
 */
export const prepareInquiry: CollectionBeforeValidateHook<Inquiry> = async ({ data, operation, req }) => {
  if (!data) return data
  if (typeof data.email === 'string') data.email = data.email.trim().toLowerCase()
  if (operation !== 'create') return data
  const now = new Date()
  const fromForm = Boolean(req.context?.[PUBLIC_INTAKE])
  const followUp = followUpAfter({ from: null, to: 'new', followUpDue: null, followUpReminderSentAt: null }, now, await followUpDays(req))
  return {
    ...data,
    ...followUp,
    status: 'new',
    assignee: null,
    convertedMember: null,
    application: null,
    assignments: [],
    history: [{ from: null, to: 'new', at: now.toISOString(), by: req.user?.id ?? null, cause: fromForm ? 'visitor' : 'staff', reason: fromForm ? 'Sent through the contact form' : 'Recorded by staff' }],
    messages: typeof data.message === 'string' ? [{ direction: 'in', subject: data.subject ?? '', body: data.message, at: now.toISOString() }] : [],
  }
}
