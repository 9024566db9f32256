import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { sqliteClientOf } from '@/lib/db'
import { isPostgresUrl } from '@/lib/env'

import { STALE_AFTER_HOURS, recordJobRun } from '../../jobs/health'
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
    expect(res.body).toEqual({
      status: 'ok',
      database: 'ok',
      // a new installation has not had a day to run its schedules yet
      jobs: { renewalReminders: { lastSuccess: null, stale: false }, membershipExpiry: { lastSuccess: null, stale: false }, certificateReminders: { lastSuccess: null, stale: false }, privacy: { lastSuccess: null, stale: false }, inquiryFollowUps: { lastSuccess: null, stale: false }, releaseReservations: { lastSuccess: null, stale: false }, registrationNotices: { lastSuccess: null, stale: false } },
    })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('reports a daily schedule that has not succeeded for more than a day as stale', async () => {
    const longAgo = new Date(Date.now() - (STALE_AFTER_HOURS + 2) * 3_600_000)
    await recordJobRun(payload, 'renewalReminders', longAgo)
    await recordJobRun(payload, 'membershipExpiry')
    const stale = await rest('GET', '/health')
    expect(stale.status).toBe(200)
    expect(stale.body.status).toBe('degraded')
    expect(stale.body.jobs.renewalReminders).toEqual({ lastSuccess: longAgo.toISOString(), stale: true })
    expect(stale.body.jobs.membershipExpiry.stale).toBe(false)

    await recordJobRun(payload, 'renewalReminders')
    expect((await rest('GET', '/health')).body.status).toBe('ok')
  })

  // Last in the file: it takes this file's database away.
  it('answers 503 when the database cannot be reached', async () => {
    const url = process.env.DATABASE_URL!
    if (isPostgresUrl(url)) {
      // Like a database server going away: refuse new connections and cut the open ones.
      await cutOffDatabase(url)
    } else {
      sqliteClientOf(payload).close()
    }

    const res = await rest('GET', '/health')
    expect(res.status).toBe(503)
    expect(res.body).toEqual({ status: 'error', database: 'unreachable', jobs: 'unknown' })
  })
})
