'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { refusalMessage } from '@/lib/errors'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { pressRenew } from '@/membership/renewByLink'
import { KNOWN_DEVICE_COOKIE, knownDevicePerson } from '@/security/knownDevice'
import { setSessionCookie } from '@/security/sessionCookies'

export type RenewState = { error?: string; codeSentTo?: string; provider?: string }

/** "Renew" on the page a renewal link opened, and the code it may ask for (src/membership/renewalLinks.ts). */
export async function renewFromLink(previous: RenewState, form: FormData): Promise<RenewState> {
  const payload = await getPayloadClient()
  const provider = String(form.get('provider') ?? '')
  let destination: string
  try {
    const result = await pressRenew(payload, {
      token: String(form.get('token') ?? ''),
      provider,
      code: form.get('code') ?? undefined,
      signedIn: await getCurrentUser(),
      knownDevice: knownDevicePerson(payload, (await cookies()).get(KNOWN_DEVICE_COOKIE)?.value),
      headers: await headers(),
      data: form,
    })
    if (result.outcome === 'code-sent') return { codeSentTo: result.sentTo, provider }
    if (result.session) await setSessionCookie(payload, result.session)
    destination = result.next
  } catch (error) {
    const message = refusalMessage(error)
    if (message) return { ...previous, error: message }
    throw error
  }
  redirect(destination)
}
