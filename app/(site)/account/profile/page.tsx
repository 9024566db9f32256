import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { getCurrentUser } from '@/lib/payload'

import { EmailChangeForm, ProfileForm } from './ProfileForms'

export const metadata: Metadata = { title: 'My profile' }

export default async function ProfilePage() {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  return (
    <div className="space-y-6">
      <p>
        <Link href="/account" className="text-brand-700 underline underline-offset-4">
          Back to my account
        </Link>
      </p>
      <h1 className="text-3xl font-bold text-brand-900">My profile</h1>
      <section aria-labelledby="details" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="details" className="text-xl font-semibold">
          Name, phone and address
        </h2>
        <ProfileForm user={user} />
      </section>
      <section aria-labelledby="email" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="email" className="text-xl font-semibold">
          Email address
        </h2>
        <EmailChangeForm email={user.email} />
      </section>
    </div>
  )
}
