'use server'

import config from '@payload-config'
import { login, logout } from '@payloadcms/next/auth'
import { redirect } from 'next/navigation'
import type { APIError } from 'payload'
import { AuthenticationError, LockedAuth } from 'payload'

import { safeRedirectPath } from '@/lib/redirects'

export type SignInState = { error?: string; email?: string }

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim()
  const password = String(form.get('password') ?? '')
  if (!email || !password) return { error: 'Enter your email address and password.', email }

  try {
    await login({ collection: 'users', config, email, password })
  } catch (error) {
    // Class checks, not error names: names are minified in the production build.
    if (error instanceof LockedAuth) {
      return { error: 'Too many failed attempts: this account is locked for 15 minutes.', email }
    }
    if (error instanceof AuthenticationError || (error as APIError)?.status === 401) {
      return { error: 'That email address and password do not match an account.', email }
    }
    console.error('Sign-in failed', error)
    return { error: 'Signing in is not possible right now. Please try again in a few minutes.', email }
  }
  redirect(safeRedirectPath(form.get('next')))
}

export async function signOut(): Promise<void> {
  await logout({ config })
  redirect('/')
}
