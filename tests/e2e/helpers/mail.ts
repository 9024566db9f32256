import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { ParsedMail } from 'mailparser'
import { simpleParser } from 'mailparser'

import { BASE_URL } from './browser'

/** Where the server under test writes every email it sends (scripts/test-e2e.mjs sets EMAIL_DIR). */
export const MAIL_DIR = process.env.EMAIL_DIR ?? path.join(os.tmpdir(), 'hangar-e2e-mail')

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The newest email to `to` from this run's server whose subject and text match (either may be left
 * out), waiting for the jobs queue to send it (every few seconds in the e2e run).
 */
export async function newestMail(to: string, match: { subject?: RegExp; text?: RegExp } = {}, timeoutMs = 150_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    // files are named by the time they were written: newest first
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((name) => name.endsWith('.eml')).sort().reverse() : []
    for (const name of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(MAIL_DIR, name)))
      if (!JSON.stringify(mail.to ?? '').includes(to)) continue
      if (match.subject && !match.subject.test(mail.subject ?? '')) continue
      if (match.text && !match.text.test(mail.text ?? '')) continue
      return mail
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  throw new Error(`no email to ${to}${match.subject ? ` with subject ${match.subject}` : ''}${match.text ? ` containing ${match.text}` : ''} in ${MAIL_DIR}`)
}

/** The link to `pagePath` (e.g. `/account/verify-email/`) in the newest email to `to` that has one (links start with the server's BASE_URL). */
export async function linkInNewestMail(to: string, pagePath: string, timeoutMs = 150_000): Promise<string> {
  const pattern = new RegExp(`${escaped(BASE_URL)}${escaped(pagePath)}[A-Za-z0-9_%-]+(\\?\\S+)?`)
  const mail = await newestMail(to, { text: pattern }, timeoutMs)
  return pattern.exec(mail.text ?? '')![0]
}

/** The verification link emailed to a self-registered person (src/security/emailVerification.ts). */
export const verificationLinkFor = (to: string) => linkInNewestMail(to, '/account/verify-email/')

/** The token of that link, for a client that confirms through POST /api/users/verify-email. */
export const verificationTokenFor = async (to: string) => decodeURIComponent(/\/account\/verify-email\/([^?\s]+)/.exec(await verificationLinkFor(to))![1]!)
