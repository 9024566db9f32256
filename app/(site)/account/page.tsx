import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { canUseAdminPanel } from '@/access/resolve'
import { ROLE_LABELS, isRole } from '@/access/roles'
import { getCurrentUser } from '@/lib/payload'

export const metadata: Metadata = { title: 'My account' }

export default async function AccountPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account')

  const roles = (user.roles ?? []).filter(isRole).map((role) => ROLE_LABELS[role])
  const address = [user.address?.line1, user.address?.line2, user.address?.town, user.address?.county, user.address?.postcode]
    .filter(Boolean)
    .join(', ')

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">My account</h1>
      <section aria-labelledby="profile" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="profile" className="text-xl font-semibold">
          Profile
        </h2>
        <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-slate-600">Name</dt>
          <dd>
            {user.firstName} {user.lastName}
          </dd>
          <dt className="font-medium text-slate-600">Email</dt>
          <dd>{user.email}</dd>
          <dt className="font-medium text-slate-600">Phone</dt>
          <dd>{user.phone || 'Not given'}</dd>
          <dt className="font-medium text-slate-600">Address</dt>
          <dd>{address || 'Not given'}</dd>
          <dt className="font-medium text-slate-600">Roles</dt>
          <dd>{roles.join(', ')}</dd>
        </dl>
      </section>
      {canUseAdminPanel(user) && (
        <p>
          <Link href="/admin" className="font-medium text-brand-700 underline underline-offset-4">
            Open the admin panel
          </Link>
        </p>
      )}
    </div>
  )
}
