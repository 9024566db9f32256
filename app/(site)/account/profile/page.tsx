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

import { DirectoryForm } from './DirectoryForm'
import { ErasureForm } from './ErasureForm'

import { PhotoForm } from './PhotoForm'
import { EmailChangeForm, ProfileForm } from './ProfileForms'

export const metadata: Metadata = { title: 'My profile' }

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
      <section aria-labelledby="erasure" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="erasure" className="text-xl font-semibold">
          Erase my data
        </h2>
        <ErasureForm requestedAt={requestedAt} dueAt={requestedAt ? erasureDueAt(requestedAt, erasureDelayDays).toISOString() : null} delayDays={erasureDelayDays} />
      </section>
    </div>
  )
}
