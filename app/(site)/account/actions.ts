'use server'

import config from '@payload-config'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import { getCurrentUser, getSiteRequest, getSiteSettings } from '@/lib/payload'
import { safeRedirectPath } from '@/lib/redirects'
import { addToGroup, removeFromGroup } from '@/membership/groupMembers'
import type { GroupKind } from '@/membership/groups'
import { acceptPrivacyPolicy, currentPolicyVersion, saveOptIns } from '@/privacy/consents'

export type GroupFormState = { error?: string; added?: string }

const kindOf = (form: FormData): GroupKind => (form.get('kind') === 'household' ? 'household' : 'organisation')

/** The contact adds a seat holder or household member by email, from the portal. */
export async function addPerson(_previous: GroupFormState, form: FormData): Promise<GroupFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account')
  const payload = await getPayload({ config })
  try {
    const { email } = await addToGroup(payload, user, { membership: String(form.get('membership') ?? ''), email: form.get('email'), kind: kindOf(form) })
    revalidatePath('/account')
    return { added: email }
  } catch (error) {
    return { error: (error as Error).message || 'That did not work. Please try again.' }
  }
}

export async function removePerson(_previous: GroupFormState, form: FormData): Promise<GroupFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account')
  const payload = await getPayload({ config })
  try {
    await removeFromGroup(payload, user, { membership: String(form.get('membership') ?? ''), email: form.get('email'), kind: kindOf(form) })
    revalidatePath('/account')
    return {}
  } catch (error) {
    return { error: (error as Error).message || 'That did not work. Please try again.' }
  }
}

/** The member turns renewal reminders on or off (receipts and application emails always go). */
export async function saveEmailPreferences(form: FormData): Promise<void> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account')
  const payload = await getPayload({ config })
  await payload.update({
    collection: 'users',
    id: user.id,
    data: { emailPreferences: { renewalReminders: form.get('renewalReminders') === 'on' } },
    overrideAccess: false,
    user,
  })
  revalidatePath('/account')
  redirect('/account?saved=preferences')
}

/** The member accepts the current privacy policy (the step shown before the account page). */
export async function acceptPolicy(form: FormData): Promise<void> {
  const req = await getSiteRequest()
  if (!req.user) redirect('/sign-in?next=/account')
  const settings = await getSiteSettings()
  // accepted what was shown: if the version was raised meanwhile, the step asks again
  if (form.get('acceptPrivacyPolicy') === 'on' && form.get('version') === currentPolicyVersion(settings)) await acceptPrivacyPolicy(req, settings)
  revalidatePath('/account')
  redirect(safeRedirectPath(form.get('next')))
}

/**
 * The member's marketing opt-in: each change adds a consent row. (Being listed in the directory
 * is chosen field by field on the profile page; the users collection records that consent.)
 */
export async function savePrivacyChoices(form: FormData): Promise<void> {
  const req = await getSiteRequest()
  if (!req.user) redirect('/sign-in?next=/account')
  await saveOptIns(req, { marketing: form.get('marketing') === 'on' })
  revalidatePath('/account')
  redirect('/account?saved=privacy')
}
