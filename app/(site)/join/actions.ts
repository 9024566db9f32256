'use server'

import config from '@payload-config'
import { login } from '@payloadcms/next/auth'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { Payload } from 'payload'
import { ValidationError, getPayload } from 'payload'

import type { Membership, User } from '@payload-types'

import { VERIFY_EMAIL_FIRST, mustVerifyEmail } from '@/access/emailVerified'
import { getCurrentUser } from '@/lib/payload'
import { MUST_ACCEPT_POLICY } from '@/privacy/consents'
import { OPEN_STATUSES } from '@/membership/lifecycle'
import type { MembershipStatus } from '@/membership/lifecycle'
import { systemRequest } from '@/lib/transaction'
import { startCheckout } from '@/payments/checkout'
import { checkoutDestination, enabledProviders } from '@/payments/provider'
import { VERIFICATION_NEXT_CONTEXT } from '@/security/emailVerification'
import { guardPublicForm } from '@/security/publicForm'
import { isExistingAccountRefusal, noticeToOwner } from '@/security/registration'
import { TooManyRequests } from '@/security/throttle'
import { hashForNothing } from '@/security/timing'

const EXISTING_ACCOUNT_ANSWER =
  'We could not create this account. If you have registered before, we have emailed you how to sign in or choose a new password.'

export type JoinState = { error?: string }

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

function messageOf(error: unknown): string {
  if (error instanceof ValidationError) {
    return error.data.errors.map((e) => e.message).join(' ')
  }
  return (error as Error)?.message || 'Something went wrong. Please try again.'
}

/**
 * Step 1 for newcomers: create an account (always a plain member) and sign in. The account is
 * unverified: the join page then asks them to open the link we email (which brings them back to
 * this tier) before they give their details and apply (src/security/emailVerification.ts).
 */
export async function createAccount(_previous: JoinState, form: FormData): Promise<JoinState> {
  const tierId = text(form, 'tier')
  const data = {
    firstName: text(form, 'firstName'),
    lastName: text(form, 'lastName'),
    email: text(form, 'email'),
    password: String(form.get('password') ?? ''),
    // recorded as a consent with the policy version (collections/users/hooks/privacyConsent.ts)
    acceptPrivacyPolicy: form.get('acceptPrivacyPolicy') === 'on',
  }
  if (!data.acceptPrivacyPolicy) return { error: MUST_ACCEPT_POLICY }
  if (!data.firstName || !data.lastName || !data.email || data.password.length < 12) {
    return { error: 'Fill in your name and email address, and choose a password of at least 12 characters.' }
  }
  const payload = await getPayload({ config })
  try {
    const verdict = await guardPublicForm(payload, { form: 'register', headers: await headers(), account: data.email, data: form })
    if (verdict === 'trapped') redirect('/')
  } catch (error) {
    if (error instanceof TooManyRequests) return { error: error.message }
    throw error
  }
  try {
    await payload.create({
      collection: 'users',
      data: { ...data, roles: ['member'] },
      overrideAccess: false,
      user: null,
      context: { [VERIFICATION_NEXT_CONTEXT]: `/join/${encodeURIComponent(tierId)}` },
    })
  } catch (error) {
    if (!isExistingAccountRefusal(error)) return { error: messageOf(error) }
    // Never say that the address has an account: its owner is told by email instead.
    await hashForNothing(data.password)
    await noticeToOwner(payload, data.email.toLowerCase())
    return { error: EXISTING_ACCOUNT_ANSWER }
  }
  await login({ collection: 'users', config, email: data.email, password: data.password })
  redirect(`/join/${encodeURIComponent(tierId)}`)
}

async function openMembership(payload: Payload, user: User, tierId: string): Promise<Membership | undefined> {
  const { docs } = await payload.find({
    collection: 'memberships',
    where: { member: { equals: user.id }, tier: { equals: tierId } },
    sort: '-createdAt',
    depth: 0,
    overrideAccess: false,
    user,
  })
  return (docs as Membership[]).find((m) => OPEN_STATUSES.includes(m.status as MembershipStatus))
}

/** The provider the member picked, or the first one offered. */
async function chosenProvider(payload: Payload, form: FormData): Promise<string> {
  const picked = text(form, 'provider')
  return picked || (await enabledProviders(payload))[0]?.id || 'dummy'
}

/** Step 2: save the member's details, apply for the tier and go to payment (or wait for approval). */
export async function applyAndPay(_previous: JoinState, form: FormData): Promise<JoinState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in')
  // refused on the server as well (memberships, checkout); said here before anything is saved
  if (mustVerifyEmail(user)) return { error: VERIFY_EMAIL_FIRST }
  const tierId = text(form, 'tier')
  const payload = await getPayload({ config })
  let destination = '/account'
  try {
    await payload.update({
      collection: 'users',
      id: user.id,
      data: {
        phone: text(form, 'phone') || null,
        address: {
          line1: text(form, 'line1') || null,
          line2: text(form, 'line2') || null,
          town: text(form, 'town') || null,
          county: text(form, 'county') || null,
          postcode: text(form, 'postcode') || null,
        },
      },
      overrideAccess: false,
      user,
    })
    const membership =
      (await openMembership(payload, user, tierId)) ??
      ((await payload.create({
        collection: 'memberships',
        data: { tier: Number(tierId) || tierId, organisationName: text(form, 'organisationName') || undefined } as never,
        overrideAccess: false,
        user,
        depth: 0,
      })) as Membership)
    if (membership.status === 'awaiting_payment' || membership.status === 'approved') {
      const { next } = await startCheckout(await systemRequest(payload, user), { membership: membership.id, provider: await chosenProvider(payload, form) })
      destination = checkoutDestination(next)
    } else {
      destination = '/account?applied=1'
    }
  } catch (error) {
    return { error: messageOf(error) }
  }
  redirect(destination)
}

/** From the portal: pay for a membership that awaits payment or may be renewed. */
export async function payForMembership(form: FormData): Promise<void> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/account')
  // the portal offers no payment before the address is confirmed; a stale page lands on its notice
  if (mustVerifyEmail(user)) redirect('/account#verify-email')
  const payload = await getPayload({ config })
  const { next } = await startCheckout(await systemRequest(payload, user), { membership: text(form, 'membership'), provider: await chosenProvider(payload, form) })
  redirect(checkoutDestination(next))
}
