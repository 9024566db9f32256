'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'

import { refusalMessage } from '@/lib/errors'
import { confirmEmailChange } from '@/security/emailChange'
import { guardPublicForm } from '@/security/publicForm'

import type { PressToConfirmState } from '../../../_components/PressToConfirm'

/** The person who holds the new mailbox presses "Confirm": only then does the account's address change. */
export async function confirmNewEmail(_previous: PressToConfirmState, form: FormData): Promise<PressToConfirmState> {
  const token = String(form.get('token') ?? '')
  const payload = await getPayload({ config })
  try {
    await guardPublicForm(payload, { form: 'emailChange', headers: await headers(), account: token })
    return await confirmEmailChange(payload, token)
  } catch (error) {
    const message = refusalMessage(error)
    if (message) return { error: message }
    throw error
  }
}
