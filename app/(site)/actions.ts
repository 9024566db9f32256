'use server'

import config from '@payload-config'
import { login, logout } from '@payloadcms/next/auth'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { APIError } from 'payload'
import { AuthenticationError, getPayload } from 'payload'

import type { User } from '@payload-types'

import { safeRedirectPath } from '@/lib/redirects'
import { systemRequest } from '@/lib/transaction'
import { privacyStandingOf } from '@/privacy/consents'
import { requestAddress } from '@/security/clientAddress'
import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests, forgiveSignIn } from '@/security/throttle'

const NO_MATCH = 'That email address and password do not match an account.'

export type SignInState = { error?: string; email?: string }

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim()
  const password = String(form.get('password') ?? '')
  if (!email || !password) return { error: 'Enter your email address and password.', email }

  const payload = await getPayload({ config })
  const requestHeaders = await headers()
  let destination = safeRedirectPath(form.get('next'))
  try {
    // a bot that filled the honeypot is told what a wrong password is told
    if ((await guardPublicForm(payload, { form: 'signIn', headers: requestHeaders, account: email, data: form })) === 'trapped') return { error: NO_MATCH, email }
    const { user } = await login({ collection: 'users', config, email, password })
    await forgiveSignIn(payload, { address: requestAddress(requestHeaders), account: email.toLowerCase() })
    // a raised privacy policy version is accepted first (the account page asks), then on to where they were going
    const standing = user ? await privacyStandingOf(await systemRequest(payload, user as User), user.id).catch(() => null) : null
    if (standing?.status === 'outdated') {
      destination = `/account?next=${encodeURIComponent(destination)}`
    }
  } catch (error) {
    // Class checks, not error names: names are minified in the production build.
    if (error instanceof TooManyRequests) return { error: error.message, email }
    if (error instanceof AuthenticationError || (error as APIError)?.status === 401) {
      return { error: NO_MATCH, email }
    }
    console.error('Sign-in failed', error)
    return { error: 'Signing in is not possible right now. Please try again in a few minutes.', email }
  }
  redirect(destination)
}

export async function signOut(): Promise<void> {
  await logout({ config })
  redirect('/')
}
