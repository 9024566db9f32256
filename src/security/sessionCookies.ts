/**
 * The cookies a sign-in by emailed link, code or renewal link sets from the member site's server
 * actions: Payload's session cookie, and the mark that this browser has signed in to the account
 * (src/security/knownDevice.ts). Not a server action itself: only the actions call it.
 */

import { cookies } from 'next/headers'
import type { Payload } from 'payload'

import { knownDeviceCookieObject } from './knownDevice'
import type { StartedSession } from './session'
import { payloadSessionCookieObject } from './session'

export async function setSessionCookie(payload: Payload, session: StartedSession): Promise<void> {
  const cookie = payloadSessionCookieObject(payload, session.token)
  const jar = await cookies()
  jar.set(cookie.name, cookie.value, cookie.options)
  const device = knownDeviceCookieObject(payload, session.user.id)
  jar.set(device.name, device.value, device.options)
}
