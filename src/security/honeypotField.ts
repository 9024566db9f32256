/**
 * The honeypot field's name, in a module of its own with no imports: the member site's client
 * forms render it, and anything that pulls in the throttle (node:crypto) would bring a browser
 * polyfill that evaluates code at load time and breaks the Content Security Policy.
 */
export const HONEYPOT_FIELD = 'website'
