import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { getSignedInUser } from '@/lib/payload'
import { safeRedirectPath } from '@/lib/redirects'

import { SignInForm } from '../_components/SignInForm'
import { SignInLinkForms } from '../_components/SignInLinkForms'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string }> }) {
  const { next, reset } = await searchParams
  if (await getSignedInUser()) redirect(safeRedirectPath(next))

  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Sign in</h1>
      {reset && (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Your password has been changed. Sign in with your new password.
        </p>
      )}
      <p className="mt-2 text-slate-700">Use the email address and password of your account, or have a sign-in link emailed to you (below).</p>
      <SignInForm next={next ?? '/account'} />
      <p className="mt-6 text-sm text-slate-700">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgotten your password?
        </Link>
      </p>
      <SignInLinkForms next={next ?? '/account'} />
    </div>
  )
}
