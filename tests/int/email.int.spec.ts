import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { bootPayload } from './helpers/payload'

let smtp: SmtpCapture
let payload: Payload

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_USER: 'relay-user',
    SMTP_PASS: 'relay-pass',
    SMTP_SECURE: 'false',
    SMTP_IGNORE_TLS: 'true',
    EMAIL_FROM: 'office@alliance.example',
    EMAIL_FROM_NAME: 'Alliance Office',
  })
  payload = await bootPayload()
})

afterAll(async () => {
  await smtp?.close()
})

describe('email over SMTP', () => {
  it('delivers through the configured relay with the configured sender', async () => {
    await payload.sendEmail({
      to: 'member@example.org',
      subject: 'Renewal due',
      text: 'Your membership ends soon.',
    })
    const mail = await smtp.waitFor((m) => m.subject === 'Renewal due')
    expect(mail.envelope.to).toEqual(['member@example.org'])
    expect(mail.from?.value[0]).toEqual({ address: 'office@alliance.example', name: 'Alliance Office' })
    expect(mail.text?.trim()).toBe('Your membership ends soon.')
  })

  it('uses the SMTP relay for Payload’s own mail too (password reset)', async () => {
    await payload.create({
      collection: 'users',
      data: { email: 'forgetful@example.org', password: 'first-password', firstName: 'Fay', lastName: 'Forgetful', roles: ['member'] },
    })
    await payload.forgotPassword({ collection: 'users', data: { email: 'forgetful@example.org' } })
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('forgetful@example.org'))
    expect(mail.html || mail.text).toMatch(/reset/i)
  })
})
