import type { Metadata } from 'next'
import Link from 'next/link'

import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { findEmailVerification, verificationNext } from '@/security/emailVerification'

import { VerifyEmailForm } from './VerifyEmailForm'
import { decodedPathToken } from '@/lib/routeParams'

export const metadata: Metadata = { title: 'Confirm your email address', referrer: 'no-referrer' }

/** Opening the link only shows what it confirms: mail scanners open links, so confirming takes a press. */
export default async function VerifyEmailPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ next?: string }> }) {
  const token = decodedPathToken((await params).token)
  const next = verificationNext((await searchParams).next) ?? '/account'
  const [account, user] = await Promise.all([getPayloadClient().then((payload) => findEmailVerification(payload, token)), getCurrentUser()])
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Confirm your email address</h1>
      {account ? (
        <>
          <p className="mt-2 text-slate-700">
            Press the button to confirm that <strong>{account.email}</strong> is your email address. Then you can apply for a membership and pay.
          </p>
          <VerifyEmailForm token={token} email={account.email} next={next} signedIn={Boolean(user)} />
        </>
      ) : user?.emailVerifiedAt ? (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Your email address is already confirmed.{' '}
          <Link href={next} className="underline">
            Continue
          </Link>
          .
        </p>
      ) : (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          This link has expired, has been used or was replaced by a newer one.{' '}
          <Link href="/account" className="underline">
            Sign in and ask for a new one from your account page
          </Link>
          .
        </p>
      )}
    </div>
  )
}
