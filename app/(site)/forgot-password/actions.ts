'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'

import { FORGOT_PASSWORD_ANSWER, requestPasswordReset } from '@/security/passwordReset'
import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests } from '@/security/throttle'

export type ForgotPasswordState = { error?: string; done?: string; email?: string }

/** The member site's forgot-password form: the same answer for every email (SPEC §11). */
export async function askForPasswordReset(_previous: ForgotPasswordState, form: FormData): Promise<ForgotPasswordState> {
  const email = String(form.get('email') ?? '').trim().toLowerCase()
  if (!email || !email.includes('@') || email.length > 254) return { error: 'Enter the email address of your account.', email }
  const payload = await getPayload({ config })
  try {
    const verdict = await guardPublicForm(payload, { form: 'forgotPassword', headers: await headers(), account: email, data: form })
    if (verdict === 'proceed') await requestPasswordReset(payload, email)
  } catch (error) {
    if (error instanceof TooManyRequests) return { error: error.message, email }
    throw error
  }
  return { done: FORGOT_PASSWORD_ANSWER }
}
