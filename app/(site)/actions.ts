'use server'

import config from '@payload-config'
import { login, logout } from '@payloadcms/next/auth'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { APIError } from 'payload'
import { AuthenticationError, getPayload } from 'payload'

import type { User } from '@payload-types'

import { safeRedirectPath } from '@/lib/redirects'
import { requestAddress } from '@/security/clientAddress'
import { KNOWN_DEVICE_COOKIE, knownDeviceCookieObject } from '@/security/knownDevice'
import { guardPublicForm } from '@/security/publicForm'
import { accountIdOf, recordSignIn } from '@/security/signInEvents'
import { TooManyRequests, forgiveSignIn } from '@/security/throttle'

import { destinationAfterSignIn } from './sign-in/destination'

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
    const address = requestAddress(requestHeaders)
    await forgiveSignIn(payload, { address, account: email.toLowerCase() })
    if (user) {
      await recordSignIn(payload, { person: user.id as number, email: user.email, method: 'password', succeeded: true, address })
      const device = knownDeviceCookieObject(payload, user.id as number)
      ;(await cookies()).set(device.name, device.value, device.options)
    }
    destination = await destinationAfterSignIn(payload, user as User | null, destination)
  } catch (error) {
    // Class checks, not error names: names are minified in the production build.
    if (error instanceof TooManyRequests) return { error: error.message, email }
    if (error instanceof AuthenticationError || (error as APIError)?.status === 401) {
      const person = await accountIdOf(payload, email)
      if (person) await recordSignIn(payload, { person, email, method: 'password', succeeded: false, address: requestAddress(requestHeaders) })
      return { error: NO_MATCH, email }
    }
    console.error('Sign-in failed', error)
    return { error: 'Signing in is not possible right now. Please try again in a few minutes.', email }
  }
  redirect(destination)
}

export async function signOut(): Promise<void> {
  await logout({ config })
  ;(await cookies()).delete(KNOWN_DEVICE_COOKIE)
  redirect('/')
}
