/**
 * The limits of emailed sign-in links and codes (src/security/signInLink.ts), in a module with no
 * imports: settings, the member site's client forms and tests read them.
 */

/** How long a link and its code work, unless settings say otherwise (settings → Privacy). */
export const DEFAULT_SIGN_IN_LINK_MINUTES = 15
export const MIN_SIGN_IN_LINK_MINUTES = 5
export const MAX_SIGN_IN_LINK_MINUTES = 60
/** Wrong codes after which a code stops working. */
export const MAX_SIGN_IN_CODE_ATTEMPTS = 5
export const SIGN_IN_CODE_DIGITS = 6
/** How long an invitation (a sign-in link staff send, src/security/signInLink.ts) works: a person may not read their email for days. */
export const INVITATION_DAYS = 7
