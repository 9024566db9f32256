'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import { refusalMessage } from '@/lib/errors'
import { safeRedirectPath } from '@/lib/redirects'
import { requestAddress } from '@/security/clientAddress'
import { guardPublicForm } from '@/security/publicForm'
import { setSessionCookie } from '@/security/sessionCookies'
import { destinationAfterSignIn } from './destination'
import { CODE_NOT_VALID, SIGN_IN_LINK_ANSWER, requestSignInLink, signInEmail, signInWithCode, signInWithLink } from '@/security/signInLink'

export type SignInLinkState = { error?: string; message?: string; email?: string }


/** "Email me a sign-in link": the same answer whether or not the email has an account. */
export async function askForSignInLink(_previous: SignInLinkState, form: FormData): Promise<SignInLinkState> {
  const email = signInEmail(form.get('email'))
  if (!email) return { error: 'Enter the email address of your account.', email: String(form.get('email') ?? '') }
  const payload = await getPayload({ config })
  try {
    const verdict = await guardPublicForm(payload, { form: 'signInLink', headers: await headers(), account: email, data: form })
    if (verdict === 'proceed') await requestSignInLink(payload, email, safeRedirectPath(form.get('next')))
    return { message: SIGN_IN_LINK_ANSWER, email }
  } catch (error) {
    const message = refusalMessage(error)
    if (message) return { error: message, email }
    throw error
  }
}

/** The emailed code, typed with the email address it was sent to. */
export async function signInByCode(_previous: SignInLinkState, form: FormData): Promise<SignInLinkState> {
  const email = String(form.get('email') ?? '')
  const payload = await getPayload({ config })
  const requestHeaders = await headers()
  let destination = safeRedirectPath(form.get('next'))
  try {
    if ((await guardPublicForm(payload, { form: 'signInLinkUse', headers: requestHeaders, account: signInEmail(email), data: form })) === 'trapped') return { error: CODE_NOT_VALID, email }
    const session = await signInWithCode(payload, email, form.get('code'), requestAddress(requestHeaders))
    await setSessionCookie(payload, session)
    destination = await destinationAfterSignIn(payload, session.user, destination)
  } catch (error) {
    const message = refusalMessage(error)
    if (message) return { error: message, email }
    throw error
  }
  redirect(destination)
}

/** The "Sign in" press on the page an emailed link opened. */
export async function signInByLink(_previous: SignInLinkState, form: FormData): Promise<SignInLinkState> {
  const token = String(form.get('token') ?? '')
  const payload = await getPayload({ config })
  const requestHeaders = await headers()
  let destination = safeRedirectPath(form.get('next'))
  try {
    await guardPublicForm(payload, { form: 'signInLinkUse', headers: requestHeaders, account: token })
    const session = await signInWithLink(payload, token, requestAddress(requestHeaders))
    await setSessionCookie(payload, session)
    destination = await destinationAfterSignIn(payload, session.user, destination)
  } catch (error) {
    const message = refusalMessage(error)
    if (message) return { error: message }
    throw error
  }
  redirect(destination)
}
