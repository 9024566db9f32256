/**
 * Registration that does not tell whether an email has an account (SPEC §11): the form answers as
 * for a new account, and the owner of the existing one is told by email.
 */
import type { Payload } from 'payload'
import { createLocalReq } from 'payload'

import type { User } from '@payload-types'

import { queueEmail } from '@/email/queue'
import { memberVariables } from '@/email/variables'

/**
 * Payload refuses a second account for an email with this one error ("A user with the given email
 * is already registered."), once every other field is valid.
 */
export function isExistingAccountRefusal(error: unknown): boolean {
  const { status, data } = (error ?? {}) as { status?: number; data?: { errors?: Array<{ path?: string; message?: string }> } }
  const errors = data?.errors ?? []
  return status === 400 && errors.length === 1 && errors[0]!.path === 'email' && /already registered/i.test(errors[0]!.message ?? '')
}

/** Tells the owner that someone tried to register with their address (they may have forgotten they have an account). */
export async function noticeToOwner(payload: Payload, email: string): Promise<void> {
  const owner = (await payload.db.findOne({ collection: 'users', where: { email: { equals: email } } })) as User | null
  if (!owner) return
  const localReq = await createLocalReq({}, payload)
  await queueEmail(localReq, {
    template: 'registration-attempt',
    to: owner.email,
    variables: { member: memberVariables(owner) },
    related: { relationTo: 'users', value: owner.id },
  })
}

