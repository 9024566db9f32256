/**
 * "This browser has signed in to this account before" (issue 17, point 4).
 *
 * Every sign-in (password, emailed link or code, through the member site, REST or the admin panel)
 * leaves an HTTP-only cookie naming the account, signed with the server's secret, for
 * KNOWN_DEVICE_DAYS. It grants nothing by itself: it only lets a renewal link from that account's
 * own email (src/membership/renewalLinks.ts) sign the member in on the device they normally use,
 * where a link opened anywhere else asks for an emailed code first. Signing out forgets the device.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import type { CollectionAfterLoginHook, CollectionAfterLogoutHook, Payload } from 'payload'

export const KNOWN_DEVICE_COOKIE = 'hangar-device'
export const KNOWN_DEVICE_DAYS = 180

const mac = (secret: string, person: number, issued: number) => createHmac('sha256', secret).update(`known-device:${person}:${issued}`).digest('base64url').slice(0, 32)

/** The cookie's value for an account, issued now. */
export function knownDeviceValue(payload: Payload, person: number, now = new Date()): string {
  const issued = Math.floor(now.getTime() / 1000)
  return `${person}.${issued.toString(36)}.${mac(payload.secret, person, issued)}`
}

/** The account a cookie value names, while it is genuine and not older than KNOWN_DEVICE_DAYS; otherwise null. */
export function knownDevicePerson(payload: Payload, value: unknown, now = new Date()): number | null {
  if (typeof value !== 'string' || value.length > 120) return null
  const [personPart, issuedPart, given, extra] = value.split('.')
  if (!personPart || !issuedPart || !given || extra !== undefined || !/^\d{1,10}$/.test(personPart) || !/^[0-9a-z]{1,10}$/.test(issuedPart)) return null
  const person = Number(personPart)
  const issued = parseInt(issuedPart, 36)
  const expected = Buffer.from(mac(payload.secret, person, issued))
  const offered = Buffer.from(given)
  if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) return null
  const age = now.getTime() / 1000 - issued
  return age >= -300 && age <= KNOWN_DEVICE_DAYS * 86_400 ? person : null
}

/** The known device named by a request's Cookie header. */
export function knownDeviceFromHeaders(payload: Payload, headers: Headers): number | null {
  const cookie = headers.get('cookie') ?? ''
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === KNOWN_DEVICE_COOKIE) return knownDevicePerson(payload, decodeURIComponent(rest.join('=')))
  }
  return null
}

function cookieSecure(payload: Payload): boolean {
  return Boolean(payload.collections.users.config.auth.cookies.secure)
}

/** The cookie as an object, for `cookies().set` in a server action. */
export function knownDeviceCookieObject(payload: Payload, person: number) {
  return {
    name: KNOWN_DEVICE_COOKIE,
    value: knownDeviceValue(payload, person),
    options: { httpOnly: true, sameSite: 'lax' as const, secure: cookieSecure(payload), path: '/', maxAge: KNOWN_DEVICE_DAYS * 86_400 },
  }
}

/** The cookie as a Set-Cookie header value. */
export function knownDeviceSetCookie(payload: Payload, person: number): string {
  const { name, value, options } = knownDeviceCookieObject(payload, person)
  return `${name}=${value}; Path=/; Max-Age=${options.maxAge}; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`
}

/** The Set-Cookie header value that forgets the device (signing out). */
export function forgetKnownDeviceSetCookie(): string {
  return `${KNOWN_DEVICE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`
}

/**
 * afterLogin: a password sign-in through REST, GraphQL or the admin panel marks the browser as
 * known, through the response headers Payload adds to its answer. (The member site's forms and the
 * emailed link and code set the cookie themselves.)
 */
export const rememberDeviceOnLogin: CollectionAfterLoginHook = ({ req, user }) => {
  if (req.payloadAPI === 'local') return user
  req.responseHeaders = req.responseHeaders ?? new Headers()
  req.responseHeaders.append('Set-Cookie', knownDeviceSetCookie(req.payload, user.id as number))
  return user
}

/** afterLogout: signing out through REST or the admin panel forgets the device too. */
export const forgetDeviceOnLogout: CollectionAfterLogoutHook = ({ req }) => {
  if (req.payloadAPI === 'local') return
  req.responseHeaders = req.responseHeaders ?? new Headers()
  req.responseHeaders.append('Set-Cookie', forgetKnownDeviceSetCookie())
}
