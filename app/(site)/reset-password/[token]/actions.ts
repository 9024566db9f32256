'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests } from '@/security/throttle'

export type ResetPasswordState = { error?: string; expired?: boolean }

/** Sets the new password from a reset link; every session of the account ends (collections/users/hooks/passwords.ts). */
export async function chooseNewPassword(_previous: ResetPasswordState, form: FormData): Promise<ResetPasswordState> {
  const token = String(form.get('token') ?? '')
  const password = String(form.get('password') ?? '')
  if (password !== String(form.get('confirm') ?? '')) return { error: 'The two passwords are not the same.' }
  const payload = await getPayload({ config })
  try {
    await guardPublicForm(payload, { form: 'resetPassword', headers: await headers(), account: token })
    await payload.resetPassword({ collection: 'users', data: { token, password }, overrideAccess: true })
  } catch (error) {
    if (error instanceof TooManyRequests) return { error: error.message }
    // not `instanceof ValidationError`: the class check fails in the production bundle (payloadcms/payload#7140)
    const refused = error as { status?: number; data?: { errors?: Array<{ message?: string }> } }
    if (refused?.status === 400 && refused.data?.errors?.length) return { error: refused.data.errors.map((e) => e.message).join(' ') }
    if ((error as { status?: number })?.status === 403) {
      return { error: 'This link has expired or has already been used. Ask for a new one.', expired: true }
    }
    throw error
  }
  redirect('/sign-in?reset=1')
}
