import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { isPostgresUrl } from '@/lib/env'

import { cutOffDatabase } from './helpers/databases'
import { bootPayload, rest } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

describe('GET /api/health', () => {
  it('reports ok with a reachable database, to anonymous callers, uncached', async () => {
    const res = await rest('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: 'ok' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  // Last in the file: it takes this file's database away.
  it('answers 503 when the database cannot be reached', async () => {
    const url = process.env.DATABASE_URL!
    if (isPostgresUrl(url)) {
      // Like a database server going away: refuse new connections and cut the open ones.
      await cutOffDatabase(url)
    } else {
      ;(payload.db as unknown as { client: { close: () => void } }).client.close()
    }

    const res = await rest('GET', '/health')
    expect(res.status).toBe(503)
    expect(res.body).toEqual({ status: 'error', database: 'unreachable' })
  })
})
