/**
 * Which member-site pages read the signed-in person's whole account when they sign them in.
 *
 * Signing in reads the person (src/lib/siteRequest.ts). Most pages need only who they are: name,
 * email, roles, the verification and erasure dates, as API requests read them (a prepared
 * statement, 0.4 ms at 100,000 members). The account, joining, paying and renewing pages show
 * or use the profile (phone, address, preferences, custom fields), which Payload's whole read
 * gives (4.3 ms: the address and phone decrypted, every field's hooks). The proxy marks a
 * request for one of these paths, so its sign-in reads the whole account once rather than the
 * narrow one and then the whole. Any page may still ask for the whole account
 * (`getCurrentUser`); on other paths that costs it a second read.
 */
export const WHOLE_ACCOUNT_HEADER = 'x-hangar-whole-account'

const WHOLE_ACCOUNT_PATHS = ['/account', '/join', '/pay', '/renew', '/volunteering']

export function readsWholeAccount(pathname: string): boolean {
  return WHOLE_ACCOUNT_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))
}
