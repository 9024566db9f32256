import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { databaseAdapter } from '@/lib/database'
import { DEFAULT_DATABASE_URL, databaseUrl, isPostgresUrl, isSqliteUrl, payloadSecret } from '@/lib/env'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

describe('DATABASE_URL', () => {
  it('defaults to the embedded SQLite file', () => {
    delete process.env.DATABASE_URL
    expect(databaseUrl()).toBe(DEFAULT_DATABASE_URL)
    expect(isSqliteUrl(databaseUrl())).toBe(true)
  })

  it('recognises Postgres URLs in both spellings', () => {
    expect(isPostgresUrl('postgres://u@h:5432/db')).toBe(true)
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true)
    expect(isPostgresUrl('mysql://u@h/db')).toBe(false)
  })

  it('builds the adapter the URL names and refuses anything else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-env-'))
    process.env.DATABASE_URL = `file:${dir}/nested/x.db`
    expect(databaseAdapter(dir).name).toBe('sqlite')
    expect(fs.existsSync(path.join(dir, 'nested'))).toBe(true)

    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/nothing'
    expect(databaseAdapter(dir).name).toBe('postgres')

    process.env.DATABASE_URL = 'mysql://root@127.0.0.1/test'
    expect(() => databaseAdapter(dir)).toThrow(/must start with file: \(SQLite\) or postgres:\/\//)
  })
})

describe('PAYLOAD_SECRET', () => {
  it('is required in production and has a development default elsewhere', () => {
    delete process.env.PAYLOAD_SECRET
    ;(process.env as Record<string, string>).NODE_ENV = 'development'
    expect(payloadSecret()).toMatch(/development/)
    ;(process.env as Record<string, string>).NODE_ENV = 'production'
    expect(() => payloadSecret()).toThrow(/PAYLOAD_SECRET must be set/)
    process.env.PAYLOAD_SECRET = 's3cret'
    expect(payloadSecret()).toBe('s3cret')
  })
})
