'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import { getCurrentUser, getSiteRequest } from '@/lib/payload'
import { customFieldsFromForm, profileFields } from '@/members/customFields'
import { DIRECTORY_FIELDS, showFieldOf } from '@/members/directoryFields'
import { requestErasure, withdrawErasureRequest } from '@/privacy/erasure'
import { requestEmailChange } from '@/security/emailChange'
import { setFirstPassword } from '@/security/signInLink'
import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests } from '@/security/throttle'

export type ProfileFormState = { error?: string; fields?: Record<string, string>; saved?: boolean }
export type EmailFormState = { error?: string; sentTo?: string }
export type PasswordFormState = { error?: string; saved?: boolean }

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

/** Payload's refusal (400 with field errors, 403) in words, keyed by field where it says which. */
function refusalOf(error: unknown): ProfileFormState | null {
  // not `instanceof ValidationError`: the class check fails in the production bundle (payloadcms/payload#7140)
  const refused = error as { status?: number; message?: string; data?: { errors?: Array<{ path?: string; message?: string }> } }
  if (refused?.status === 400 && refused.data?.errors?.length) {
    const fields: Record<string, string> = {}
    for (const problem of refused.data.errors) if (problem.path && problem.message) fields[problem.path] = problem.message
    return { error: 'Some details need correcting.', fields }
  }
  if (refused?.status && refused.status >= 400 && refused.status < 500) return { error: refused.message || 'That could not be saved.' }
  return null
}

/** The member saves their name, phone, date of birth and address, as themselves (the users collection's own rules and checks apply). */
export async function saveProfile(_previous: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  const payload = await getPayload({ config })
  const blankIsNull = (name: string) => text(form, name) || null
  // the custom fields this member fills in, as the server knows them (not as the form says)
  const { fields } = await profileFields(await getSiteRequest(), user.id)
  const customFields = customFieldsFromForm(fields, form)
  try {
    await payload.update({
      collection: 'users',
      id: user.id,
      data: {
        firstName: text(form, 'firstName'),
        lastName: text(form, 'lastName'),
        phone: blankIsNull('phone'),
        dateOfBirth: blankIsNull('dateOfBirth'),
        address: {
          line1: blankIsNull('line1'),
          line2: blankIsNull('line2'),
          town: blankIsNull('town'),
          county: blankIsNull('county'),
          postcode: blankIsNull('postcode'),
          country: blankIsNull('country'),
        },
        ...(Object.keys(customFields).length ? { customFields } : {}),
      },
      overrideAccess: false,
      user,
      depth: 0,
    })
  } catch (error) {
    const refusal = refusalOf(error)
    if (refusal) return refusal
    throw error
  }
  revalidatePath('/account')
  return { saved: true }
}

/** Emails a confirmation link to the new address; the account's email changes only once it is confirmed. */
export async function askToChangeEmail(_previous: EmailFormState, form: FormData): Promise<EmailFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  const payload = await getPayload({ config })
  try {
    await guardPublicForm(payload, { form: 'emailChange', headers: await headers(), account: String(user.id) })
    const sentTo = await requestEmailChange(payload, user, form.get('email'))
    return { sentTo }
  } catch (error) {
    if (error instanceof TooManyRequests) return { error: error.message }
    const refusal = refusalOf(error)
    if (refusal) return { error: refusal.error }
    throw error
  }
}

export type DirectoryFormState = { error?: string; saved?: boolean }

/** The member chooses what the directory shows of them (each field hidden until chosen). */
export async function saveDirectoryChoices(_previous: DirectoryFormState, form: FormData): Promise<DirectoryFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  const payload = await getPayload({ config })
  const { fields } = await profileFields(await getSiteRequest(), user.id)
  const showCustom = fields.filter((field) => field.directoryEligible && form.get(`custom.${field.key}`) === 'on').map((field) => field.key)
  const directory = { ...Object.fromEntries(DIRECTORY_FIELDS.map((field) => [showFieldOf(field), form.get(field) === 'on'])), showCustom }
  try {
    await payload.update({ collection: 'users', id: user.id, data: { directory }, overrideAccess: false, user, depth: 0 })
  } catch (error) {
    const refusal = refusalOf(error)
    if (refusal) return { error: refusal.error }
    throw error
  }
  revalidatePath('/directory')
  return { saved: true }
}

export type ErasureFormState = { error?: string; requestedAt?: string; dueAt?: string; withdrawn?: boolean }

/** The member asks for their personal data to be erased; the form asked them to type ERASE first. */
export async function askForErasure(_previous: ErasureFormState, form: FormData): Promise<ErasureFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  if (text(form, 'confirm').toUpperCase() !== 'ERASE') return { error: 'To confirm, type ERASE in the box.' }
  const payload = await getPayload({ config })
  try {
    const request = await requestErasure(payload, user)
    revalidatePath('/account/profile')
    return request
  } catch (error) {
    const refusal = refusalOf(error)
    if (refusal) return { error: refusal.error }
    throw error
  }
}

/** The member changes their mind while the request waits. */
export async function withdrawErasure(): Promise<ErasureFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  await withdrawErasureRequest(await getPayload({ config }), user)
  revalidatePath('/account/profile')
  return { withdrawn: true }
}

/** An account without a password (it signs in by emailed link) chooses one; no current password to give. */
export async function chooseFirstPassword(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account/profile')
  const password = String(form.get('password') ?? '')
  if (password !== String(form.get('confirmPassword') ?? '')) return { error: 'The two passwords are not the same.' }
  const payload = await getPayload({ config })
  try {
    await setFirstPassword(payload, user, password)
  } catch (error) {
    const refusal = refusalOf(error)
    if (refusal) return { error: refusal.fields?.password ?? refusal.error }
    throw error
  }
  revalidatePath('/account/profile')
  return { saved: true }
}
