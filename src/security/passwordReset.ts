import type { Payload } from 'payload'

/** What every forgot-password request is told, whether or not the email has an account. */
export const FORGOT_PASSWORD_ANSWER = 'If that email address has an account, we have sent it a link to choose a new password. The link works for one hour.'

/**
 * Queues the passwordReset job (jobs/passwordReset.ts) for an email, whoever asks: the caller answers
 * FORGOT_PASSWORD_ANSWER straight away, so neither the answer nor its timing depends on the account.
 */
export async function requestPasswordReset(payload: Payload, email: string): Promise<void> {
  await payload.jobs.queue({ task: 'passwordReset', queue: 'email', input: { email: email.trim().toLowerCase() } })
}
