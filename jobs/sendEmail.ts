import type { TaskConfig } from 'payload'

import type { Notification } from '@payload-types'

import { ERASED_RECIPIENT, isErasedAddress } from '@/privacy/anonymise'

/** Retries with exponential backoff from 30 seconds: the last one comes about 34 hours later. */
export const EMAIL_RETRIES = 12
export const EMAIL_RETRY_DELAY_MS = 30_000

/**
 * Sends one queued notification. A failure is recorded on the notification and thrown, so the
 * queue retries it later; a notification already sent (a retry after a crash) is not sent again.
 */
export const sendEmailTask: TaskConfig<'sendEmail'> = {
  slug: 'sendEmail',
  label: 'Send an email',
  inputSchema: [{ name: 'notification', type: 'number', required: true }],
  retries: { attempts: EMAIL_RETRIES, backoff: { type: 'exponential', delay: EMAIL_RETRY_DELAY_MS } },
  handler: async ({ input, req }) => {
    const { payload } = req
    const notification = (await payload.findByID({ collection: 'notifications', id: input.notification, depth: 0, overrideAccess: true, disableErrors: true })) as Notification | null
    if (!notification || notification.status === 'sent') return { output: {} }
    // an erased person's address goes nowhere (src/privacy/erasure.ts): nothing to send or retry
    if (isErasedAddress(notification.recipient)) {
      await payload.update({ collection: 'notifications', id: notification.id, data: { status: 'failed', error: ERASED_RECIPIENT }, overrideAccess: true, depth: 0 })
      return { output: {} }
    }

    const attempts = (notification.attempts ?? 0) + 1
    try {
      const info = (await payload.sendEmail({ to: notification.recipient, subject: notification.subject, text: notification.text ?? '', html: notification.html ?? undefined })) as
        | { messageId?: string }
        | undefined
      // Written outside the job's transaction so the outcome is kept whatever happens next.
      await payload.update({
        collection: 'notifications',
        id: notification.id,
        data: { status: 'sent', attempts, sentAt: new Date().toISOString(), messageId: info?.messageId ?? null, error: null },
        overrideAccess: true,
        depth: 0,
      })
      return { output: {} }
    } catch (error) {
      const final = attempts > EMAIL_RETRIES
      await payload.update({
        collection: 'notifications',
        id: notification.id,
        data: { status: final ? 'failed' : 'queued', attempts, error: (error as Error).message?.slice(0, 2000) || String(error) },
        overrideAccess: true,
        depth: 0,
      })
      payload.logger.warn(`Email ${notification.id} to ${notification.recipient} not sent (attempt ${attempts}): ${(error as Error).message}`)
      throw error
    }
  },
}
