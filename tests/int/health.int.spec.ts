import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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
    const db = payload.db as unknown as { pool?: { end: () => Promise<void> }; client?: { close: () => void } }
    if (db.pool) await db.pool.end()
    else db.client?.close()

    const res = await rest('GET', '/health')
    expect(res.status).toBe(503)
    expect(res.body).toEqual({ status: 'error', database: 'unreachable' })
  })
})

afterAll(() => {
  // the connection was closed on purpose above; nothing left to tear down
})
