/**
 * A local SMTP server that keeps every message it receives, for tests: the app talks real
 * SMTP over a socket to it, and the test reads what arrived.
 */
import type { AddressInfo } from 'node:net'

import type { ParsedMail } from 'mailparser'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type CapturedMail = ParsedMail & { envelope: { from: string; to: string[] } }

export type SmtpCapture = {
  port: number
  messages: CapturedMail[]
  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor: (match: (mail: CapturedMail) => boolean, timeoutMs?: number) => Promise<CapturedMail>
  close: () => Promise<void>
}

/** Starts the capture server; pass `port` to start it again where a closed one listened. */
export async function startSmtpCapture(options: { port?: number } = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = []
  const waiters: { match: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }[] = []

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' })
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail = Object.assign(parsed, {
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
          })
          messages.push(mail)
          for (const waiter of [...waiters]) {
            if (waiter.match(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1)
              waiter.resolve(mail)
            }
          }
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo

  return {
    port,
    messages,
    waitFor(match, timeoutMs = 10_000) {
      const found = messages.find(match)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching email arrived in time')), timeoutMs)
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) })
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
