import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { mustVerifyEmail } from '@/access/emailVerified'
import { canUseAdminPanel } from '@/access/resolve'
import { ROLE_LABELS, isRole } from '@/access/roles'
import { displayPhone, phoneHref } from '@/lib/contactDetails'
import { getCurrentUser, getPublicSettings, getSiteRequest } from '@/lib/payload'
import { consentState, policyStatus } from '@/privacy/consents'

import { VerifyEmailNotice } from '../_components/VerifyEmailNotice'
import { saveEmailPreferences } from './actions'
import { Portal } from './Portal'
import { PolicyAcceptanceStep, PrivacySection } from './Privacy'

export const metadata: Metadata = { title: 'My account' }

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ paid?: string; applied?: string; saved?: string; next?: string }> }) {
  const { paid, applied, saved, next } = await searchParams
  const [user, { country, privacyPolicyVersion, privacyPolicyUrl }] = await Promise.all([getCurrentUser(), getPublicSettings()])
  if (!user) redirect('/sign-in?next=/account')
  const consents = await consentState(await getSiteRequest(), user.id)
  const policy = policyStatus(consents, privacyPolicyVersion)
  if (policy === 'outdated') {
    return (
      <div className="space-y-6">
        <h1 className="text-3xl font-bold text-brand-900">My account</h1>
        <PolicyAcceptanceStep version={privacyPolicyVersion} url={privacyPolicyUrl} acceptedBefore={consents.privacy_policy?.policyVersion ?? null} next={next} />
      </div>
    )
  }

  const roles = (user.roles ?? []).filter(isRole).map((role) => ROLE_LABELS[role])
  const address = [user.address?.line1, user.address?.line2, user.address?.town, user.address?.county, user.address?.postcode]
    .filter(Boolean)
    .join(', ')

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">My account</h1>
      {paid && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Thank you: your payment went through and your membership is active.
        </p>
      )}
      {applied && (
        <p role="status" className="rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-900">
          Thank you: your application was received. We will email you when the committee has decided.
        </p>
      )}
      {mustVerifyEmail(user) && <VerifyEmailNotice email={user.email} />}
      <Portal user={user} />
      <section aria-labelledby="volunteering" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="volunteering" className="text-xl font-semibold">
          Volunteering
        </h2>
        <p className="mt-2 text-slate-700">
          Your volunteer roles and certificates, shifts to sign up for, your availability and your hours:{' '}
          <Link href="/volunteering" className="font-medium text-brand-700 underline">
            go to my volunteering
          </Link>
          .
        </p>
      </section>
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
          <dd>{user.phone ? <a href={phoneHref(user.phone)}>{displayPhone(user.phone, country)}</a> : 'Not given'}</dd>
          <dt className="font-medium text-slate-600">Address</dt>
          <dd>{address || 'Not given'}</dd>
          <dt className="font-medium text-slate-600">Roles</dt>
          <dd>{roles.join(', ')}</dd>
        </dl>
        <p className="mt-4">
          <Link href="/account/profile" className="font-medium text-brand-700 underline underline-offset-4">
            Change my details or email address
          </Link>
        </p>
      </section>
      <section aria-labelledby="email-preferences" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="email-preferences" className="text-xl font-semibold">
          Email preferences
        </h2>
        {saved === 'preferences' && (
          <p role="status" className="mt-3 text-green-900">
            Your email preferences are saved.
          </p>
        )}
        <form action={saveEmailPreferences} className="mt-3 space-y-3">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="renewalReminders" defaultChecked={user.emailPreferences?.renewalReminders !== false} className="h-4 w-4" />
            Email me reminders before my membership is due for renewal
          </label>
          <p className="text-sm text-slate-600">Receipts and news about your applications are always sent.</p>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
            Save preferences
          </button>
        </form>
      </section>
      <PrivacySection consents={consents} policy={policy} version={privacyPolicyVersion} url={privacyPolicyUrl} saved={saved === 'privacy'} />
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
