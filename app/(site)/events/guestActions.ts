'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'

import type { PressToConfirmState } from '../_components/PressToConfirm'
import { cancelGuestRegistration, confirmGuestRegistration, GUEST_REQUEST_ANSWER, requestGuestRegistration } from '@/events/guests'
import { refusalMessage } from '@/lib/errors'

export type GuestFormState = { error?: string; done?: string; values?: Record<string, string> }

/** A visitor's registration for a public event (src/events/guests.ts): the same as POST /api/rsvps/guest. */
export async function registerAsGuest(_previous: GuestFormState, form: FormData): Promise<GuestFormState> {
  const answers: Record<string, string | boolean> = {}
  const values: Record<string, string> = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$')) continue
    values[key] = value
    if (key.startsWith('answer:') && value !== '') answers[key.slice(7)] = value === 'yes' ? true : value === 'no' ? false : value
  }
  const data = { event: values.event, name: values.name, email: values.email, guests: values.guests || 0, answers, website: values.website }
  try {
    await requestGuestRegistration(await getPayload({ config }), { data, headers: await headers() })
  } catch (error) {
    const message = refusalMessage(error)
    if (message === null) throw error
    return { error: message, values }
  }
  return { done: GUEST_REQUEST_ANSWER }
}

/** The button on the emailed confirmation link's page. `email` carries what the page shows once done. */
export async function confirmAsGuest(_previous: PressToConfirmState, form: FormData): Promise<PressToConfirmState> {
  try {
    const { rsvp } = await confirmGuestRegistration(await getPayload({ config }), { token: form.get('token'), headers: await headers() })
    return { email: rsvp.status }
  } catch (error) {
    const message = refusalMessage(error)
    if (message === null) throw error
    return { error: message }
  }
}

/** The button on the guest's cancel link's page. */
export async function cancelAsGuest(_previous: PressToConfirmState, form: FormData): Promise<PressToConfirmState> {
  try {
    const rsvp = await cancelGuestRegistration(await getPayload({ config }), { token: form.get('token'), headers: await headers() })
    return { email: rsvp.status }
  } catch (error) {
    const message = refusalMessage(error)
    if (message === null) throw error
    return { error: message }
  }
}
