import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import type { Media } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { getCurrentUser, getPayloadClient, getSiteRequest, getSiteSettings } from '@/lib/payload'
import { profileFields } from '@/members/customFields'
import { isDirectoryField, shownFields } from '@/members/directoryFields'
import { erasureDueAt } from '@/privacy/anonymise'
import { privacySettings } from '@/privacy/erasure'
import { accountHasPassword } from '@/security/signInLink'
import { RECENT_SIGN_INS_SHOWN, SIGN_IN_METHOD_LABELS } from '@/security/signInEvents'
import type { SignInMethod } from '@/security/signInEvents'

import { DirectoryForm } from './DirectoryForm'
import { ErasureForm } from './ErasureForm'

import { PhotoForm } from './PhotoForm'
import { EmailChangeForm, FirstPasswordForm, ProfileForm } from './ProfileForms'

export const metadata: Metadata = { title: 'My profile' }

const signInTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' })

/** The keys of the member fields an admin locked hidden in the directory (Settings → Directory). */
async function lockedCustomFieldKeys(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const { docs } = await (await getPayloadClient()).find({ collection: 'member-fields', where: { id: { in: ids } }, select: { key: true }, depth: 0, limit: ids.length, pagination: false, overrideAccess: true })
  return docs.map((doc) => doc.key ?? '').filter(Boolean)
}

export default async function ProfilePage() {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  const photoId = idOf(user.photo)
  const photo = photoId
    ? ((await (await getPayloadClient()).findByID({ collection: 'media', id: photoId, depth: 0, overrideAccess: false, user, disableErrors: true })) as Media | null)
    : null
  const settings = await getSiteSettings()
  const locked = (settings.directoryLockedFields ?? []).filter(isDirectoryField)
  const lockedCustom = (settings.directoryLockedMemberFields ?? []).map((field) => String(idOf(field)))
  // the custom fields members see, with the values this person reads (never staff-only ones)
  const custom = await profileFields(await getSiteRequest(), user.id)
  const lockedCustomKeys = custom.fields.length ? await lockedCustomFieldKeys(lockedCustom) : []
  const { erasureDelayDays } = await privacySettings(await getPayloadClient())
  const requestedAt = user.erasureRequestedAt ?? null
  const hasPassword = await accountHasPassword(await getPayloadClient(), user.id)
  const { docs: signIns } = await (await getPayloadClient()).find({
    collection: 'sign-in-events',
    where: { person: { equals: user.id } },
    sort: '-createdAt',
    limit: RECENT_SIGN_INS_SHOWN,
    depth: 0,
    overrideAccess: false,
    user,
  })
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
          {custom.fields.length ? 'Your details' : 'Name, phone, date of birth and address'}
        </h2>
        <ProfileForm
          user={{ firstName: user.firstName, lastName: user.lastName, phone: user.phone ?? null, address: user.address ?? undefined }}
          customFields={custom.fields}
          customValues={custom.values}
        />
      </section>
      <section aria-labelledby="photo" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="photo" className="text-xl font-semibold">
          Photo
        </h2>
        <PhotoForm photoUrl={photo?.url ?? null} name={`${user.firstName} ${user.lastName}`} />
      </section>
      <section aria-labelledby="directory-choices" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="directory-choices" className="text-xl font-semibold">
          Member directory
        </h2>
        <DirectoryForm
          shown={shownFields(user.directory, [])}
          locked={locked}
          customFields={custom.fields.filter((field) => field.directoryEligible).map((field) => ({ key: field.key, label: field.label, locked: lockedCustomKeys.includes(field.key) }))}
          customShown={custom.showCustom}
        />
      </section>
      <section aria-labelledby="email" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="email" className="text-xl font-semibold">
          Email address
        </h2>
        <EmailChangeForm email={user.email} />
      </section>
      {!hasPassword && (
        <section aria-labelledby="password" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 id="password" className="text-xl font-semibold">
            Password
          </h2>
          <FirstPasswordForm />
        </section>
      )}
      <section aria-labelledby="recent-sign-ins" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="recent-sign-ins" className="text-xl font-semibold">
          Recent sign-ins
        </h2>
        <p className="mt-2 text-slate-700">The last {RECENT_SIGN_INS_SHOWN} times someone signed in to your account, or tried to. One you do not recognise? Change your password and tell us.</p>
        {signIns.length === 0 ? (
          <p className="mt-4 text-slate-700">None recorded yet.</p>
        ) : (
          <table className="mt-4 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-4">When</th>
                <th scope="col" className="py-2 pr-4">How</th>
                <th scope="col" className="py-2 pr-4">From</th>
                <th scope="col" className="py-2">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {signIns.map((event) => (
                <tr key={event.id} className="border-b border-slate-100">
                  <td className="py-2 pr-4">{signInTime.format(new Date(event.createdAt))}</td>
                  <td className="py-2 pr-4">{SIGN_IN_METHOD_LABELS[event.method as SignInMethod] ?? event.method}</td>
                  <td className="py-2 pr-4">{event.address ?? ''}</td>
                  <td className="py-2">{event.succeeded ? 'Signed in' : 'Refused'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="erasure" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="erasure" className="text-xl font-semibold">
          Erase my data
        </h2>
        <ErasureForm requestedAt={requestedAt} dueAt={requestedAt ? erasureDueAt(requestedAt, erasureDelayDays).toISOString() : null} delayDays={erasureDelayDays} />
      </section>
    </div>
  )
}
