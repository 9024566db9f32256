import fs from 'node:fs/promises'
import path from 'node:path'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter } from 'payload'
import nodemailer from 'nodemailer'
import type { Transport } from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'

import { isProduction } from '@/lib/env'

export const DEFAULT_MAIL_DIR = './data/mail'

/**
 * A nodemailer transport that never leaves the machine: each message is written to
 * `<dir>/<time>-<id>.eml` (open it with any mail client) and summarised on the console.
 * Used whenever SMTP_HOST is not set.
 */
export function folderTransport(dir: string): Transport<{ envelope: unknown; messageId: string; path: string }> {
  return {
    name: 'hangar-folder',
    version: '1',
    send(mail, callback) {
      const messageId = mail.message.messageId()
      const file = path.resolve(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^\w.-]/g, '')}.eml`)
      mail.message
        .build()
        .then(async (raw) => {
          await fs.mkdir(dir, { recursive: true })
          await fs.writeFile(file, raw)
          console.info(`[email] "${String(mail.data.subject ?? '')}" to ${String(mail.data.to ?? '')} written to ${file}`)
          callback(null, { envelope: mail.message.getEnvelope(), messageId, path: file })
        })
        .catch((error: Error) => callback(error, undefined as never))
    },
  }
}

/**
 * Email over SMTP when SMTP_HOST is set (SMTP2GO or any relay); otherwise into a folder.
 * Nodemailer without a transport would try to reach the internet, so there is always one.
 */
export function emailAdapter(): Promise<EmailAdapter> {
  const defaultFromAddress = process.env.EMAIL_FROM?.trim() || 'hangar@localhost'
  const defaultFromName = process.env.EMAIL_FROM_NAME?.trim() || 'Hangar'
  const host = process.env.SMTP_HOST?.trim()

  if (host) {
    const port = Number(process.env.SMTP_PORT) || 587
    const user = process.env.SMTP_USER?.trim()
    return nodemailerAdapter({
      defaultFromAddress,
      defaultFromName,
      skipVerify: true, // verification at boot would fail the start when the relay is briefly down
      transportOptions: {
        host,
        port,
        secure: process.env.SMTP_SECURE ? process.env.SMTP_SECURE === 'true' : port === 465,
        auth: user ? { user, pass: process.env.SMTP_PASS ?? '' } : undefined,
        ignoreTLS: process.env.SMTP_IGNORE_TLS === 'true',
      } satisfies SMTPTransport.Options,
    })
  }

  const dir = process.env.EMAIL_DIR?.trim() || DEFAULT_MAIL_DIR
  if (isProduction() && process.env.NEXT_PHASE !== 'phase-production-build') {
    console.warn(`[email] SMTP_HOST is not set: emails are written to ${dir} instead of being sent.`)
  }
  return nodemailerAdapter({
    defaultFromAddress,
    defaultFromName,
    skipVerify: true,
    transport: nodemailer.createTransport(folderTransport(dir)),
  })
}
