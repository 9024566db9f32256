import type { Metadata } from 'next'

import { ResetPasswordForm } from './ResetPasswordForm'
import { decodedPathToken } from '@/lib/routeParams'

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' }

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Choose a new password</h1>
      <p className="mt-2 text-slate-700">
        Use at least 12 characters; a few unrelated words make a good one. Saving it signs your account out everywhere else.
      </p>
      <ResetPasswordForm token={decodedPathToken(token)} />
    </div>
  )
}
