'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'

import { confirmEmailChange } from '@/security/emailChange'
import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests } from '@/security/throttle'

export type ConfirmEmailState = { error?: string; email?: string }

/** The person who holds the new mailbox presses "Confirm": only then does the account's address change. */
export async function confirmNewEmail(_previous: ConfirmEmailState, form: FormData): Promise<ConfirmEmailState> {
  const token = String(form.get('token') ?? '')
  const payload = await getPayload({ config })
  try {
    await guardPublicForm(payload, { form: 'emailChange', headers: await headers(), account: token })
    return await confirmEmailChange(payload, token)
  } catch (error) {
    if (error instanceof TooManyRequests) return { error: error.message }
    const refused = error as { status?: number; message?: string }
    if (refused?.status && refused.status >= 400 && refused.status < 500) return { error: refused.message }
    throw error
  }
}
