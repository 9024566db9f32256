import type { Metadata } from 'next'
import { redirect } from 'next/navigation'

import { getCurrentUser } from '@/lib/payload'

import { SignInForm } from '../_components/SignInForm'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams
  if (await getCurrentUser()) redirect('/account')

  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Sign in</h1>
      <p className="mt-2 text-slate-700">Use the email address and password of your account.</p>
      <SignInForm next={next ?? '/account'} />
    </div>
  )
}
