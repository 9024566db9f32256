'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import { refusalMessage } from '@/lib/errors'
import { getCurrentUser } from '@/lib/payload'
import { systemRequest } from '@/lib/transaction'
import { NEW_LINK_ANSWER, confirmEmailVerification, sendNewVerificationLink, verificationNext } from '@/security/emailVerification'
import { guardPublicForm } from '@/security/publicForm'

import type { PressToConfirmState } from '../../_components/PressToConfirm'

export type NewLinkState = { error?: string; message?: string }

/** The owner of the mailbox presses "Confirm" on the page the emailed link opened. */
export async function confirmEmailAddress(_previous: PressToConfirmState, form: FormData): Promise<PressToConfirmState> {
  const token = String(form.get('token') ?? '')
  const payload = await getPayload({ config })
  try {
    await guardPublicForm(payload, { form: 'verifyEmail', headers: await headers(), account: token })
    const { email } = await confirmEmailVerification(payload, token)
    return { email }
  } catch (error) {
    const message = refusalMessage(error)
    if (message) return { error: message }
    throw error
  }
}

/** The signed-in person asks for a new link; the answer is the same whether or not one was needed. */
export async function askForNewLink(_previous: NewLinkState, form: FormData): Promise<NewLinkState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account')
  const payload = await getPayload({ config })
  try {
    await guardPublicForm(payload, { form: 'verifyEmailResend', headers: await headers(), account: String(user.id) })
    await sendNewVerificationLink(await systemRequest(payload), user.id, verificationNext(form.get('next')))
    return { message: NEW_LINK_ANSWER }
  } catch (error) {
    const message = refusalMessage(error)
    if (message) return { error: message }
    throw error
  }
}
