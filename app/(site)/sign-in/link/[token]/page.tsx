import type { Metadata } from 'next'
import Link from 'next/link'

import { getPayloadClient } from '@/lib/payload'
import { decodedPathToken } from '@/lib/routeParams'
import { findSignInLink, signInNext } from '@/security/signInLink'

import { SignInLinkButton } from './SignInLinkButton'

export const metadata: Metadata = { title: 'Sign in', referrer: 'no-referrer' }

/**
 * Where an emailed sign-in link leads. Opening it only shows a "Sign in" button: mail scanners
 * open links, so it is the press (a POST) that uses the link up (src/security/signInLink.ts).
 */
export default async function SignInLinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ next?: string }> }) {
  const token = decodedPathToken((await params).token)
  const next = signInNext((await searchParams).next) ?? '/account'
  const account = await findSignInLink(await getPayloadClient(), token)
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Sign in</h1>
      {account ? (
        <>
          <p className="mt-2 text-slate-700">Press the button to sign in. The link then stops working.</p>
          <SignInLinkButton token={token} next={next} email={account.email} />
        </>
      ) : (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          This sign-in link has expired, has been used or was replaced by a newer one.{' '}
          <Link href="/sign-in" className="underline">
            Ask for a new one on the sign-in page
          </Link>
          .
        </p>
      )}
    </div>
  )
}
