/**
 * What an encrypted field reads as when its stored value cannot be opened (its key is not
 * configured, or it was altered): shown instead of the value, and kept as stored when a form sends
 * it back (src/privacy/fieldEncryption.ts). Its own module so the member site's forms can test for
 * it without bundling the encryption code.
 */
export const UNAVAILABLE_VALUE = '[unavailable: encrypted with a key this server does not have]'
