import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import nodemailer from 'nodemailer'
import { describe, expect, it } from 'vitest'

import { folderTransport } from '@/email/transport'

describe('folder transport (development email without SMTP)', () => {
  it('writes each message as an .eml file and sends nothing anywhere', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-mail-'))
    const transport = nodemailer.createTransport(folderTransport(dir))
    const info = await transport.sendMail({
      from: 'Hangar <hangar@localhost>',
      to: 'member@example.org',
      subject: 'Your membership',
      text: 'Welcome aboard.',
    })
    const files = fs.readdirSync(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/\.eml$/)
    const raw = fs.readFileSync(path.join(dir, files[0]!), 'utf8')
    expect(raw).toContain('To: member@example.org')
    expect(raw).toContain('Subject: Your membership')
    expect(raw).toContain('Welcome aboard.')
    expect(info.messageId).toBeTruthy()
  })
})
