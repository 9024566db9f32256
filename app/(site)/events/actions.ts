'use server'

import config from '@payload-config'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import type { User } from '@payload-types'

import { mustVerifyEmail } from '@/access/emailVerified'
import { getCurrentUser, getSignedInUser } from '@/lib/payload'
import { systemRequest } from '@/lib/transaction'
import { startCheckout } from '@/payments/checkout'
import { checkoutDestination } from '@/payments/provider'

export type RsvpState = { error?: string }

/** "I'm going" (or "Join the waitlist") with guests and answers, as the signed-in member. */
export async function replyToEvent(_previous: RsvpState, form: FormData): Promise<RsvpState> {
  // who is replying is all the RSVP's access and hooks need: the sign-in's narrow read, not the whole account
  const user = (await getSignedInUser()) as User | null
  const eventId = Number(form.get('event'))
  if (!user) redirect(`/sign-in?next=/events/${eventId}`)
  const answers: Record<string, string | boolean> = {}
  for (const [key, value] of form.entries()) {
    if (!key.startsWith('answer:')) continue
    const name = key.slice(7)
    answers[name] = value === 'yes' ? true : value === 'no' ? false : String(value)
  }
  const payload = await getPayload({ config })
  const data = { guests: Number(form.get('guests') ?? 0), answers, status: 'going' as const }
  try {
    // replying again after cancelling changes the earlier reply (one reply per member per event)
    const { docs } = await payload.find({ collection: 'rsvps', where: { event: { equals: eventId } }, limit: 1, depth: 0, overrideAccess: false, user })
    // the page is drawn again after the redirect: nothing of the answer is read, so nothing is populated in it
    if (docs[0]) await payload.update({ collection: 'rsvps', id: docs[0].id, data, overrideAccess: false, user, depth: 0 })
    else await payload.create({ collection: 'rsvps', data: { ...data, event: eventId } as never, overrideAccess: false, user, depth: 0 })
  } catch (error) {
    return { error: (error as Error).message || 'Your reply could not be saved.' }
  }
  revalidatePath(`/events/${eventId}`)
  redirect(`/events/${eventId}?replied=1`)
}

/** Cancel a reply (gives the places back; the waitlist moves up). */
export async function cancelReply(form: FormData): Promise<void> {
  const user = (await getSignedInUser()) as User | null
  const eventId = Number(form.get('event'))
  if (!user) redirect(`/sign-in?next=/events/${eventId}`)
  const payload = await getPayload({ config })
  await payload.update({ collection: 'rsvps', id: Number(form.get('rsvp')), data: { status: 'cancelled' }, overrideAccess: false, user, depth: 0 })
  revalidatePath(`/events/${eventId}`)
  redirect(`/events/${eventId}`)
}

/** Pay online for a place held for payment: the same checkout as memberships (purpose `event`). */
export async function payForPlace(form: FormData): Promise<void> {
  const user = await getCurrentUser()
  const eventId = Number(form.get('event'))
  if (!user) redirect(`/sign-in?next=/events/${eventId}`)
  if (mustVerifyEmail(user)) redirect('/account#verify-email')
  const payload = await getPayload({ config })
  const { next } = await startCheckout(await systemRequest(payload, user), { rsvp: String(form.get('rsvp') ?? ''), provider: String(form.get('provider') ?? 'dummy') })
  redirect(checkoutDestination(next))
}

/** "Email me when registration opens": the member's own request (collections/registration-alerts). */
export async function askToBeTold(form: FormData): Promise<void> {
  const user = await getCurrentUser()
  const eventId = Number(form.get('event'))
  if (!user) redirect(`/sign-in?next=/events/${eventId}`)
  const payload = await getPayload({ config })
  let outcome = 'alert=on'
  try {
    await payload.create({ collection: 'registration-alerts', data: { event: eventId } as never, overrideAccess: false, user })
  } catch (error) {
    // already asked, or registration opened meanwhile: the page then says which
    outcome = (error as { status?: number }).status === 409 ? 'alert=on' : 'alert=failed'
  }
  revalidatePath(`/events/${eventId}`)
  redirect(`/events/${eventId}?${outcome}`)
}

/** Withdraws the request: no email when registration opens. */
export async function stopTellingMe(form: FormData): Promise<void> {
  const user = await getCurrentUser()
  const eventId = Number(form.get('event'))
  if (!user) redirect(`/sign-in?next=/events/${eventId}`)
  const payload = await getPayload({ config })
  await payload.delete({ collection: 'registration-alerts', where: { event: { equals: eventId } }, overrideAccess: false, user })
  revalidatePath(`/events/${eventId}`)
  redirect(`/events/${eventId}?alert=off`)
}
