import type { Endpoint } from 'payload'

import { pingDatabase } from '@/lib/db'

import type { JobHealth } from '../../jobs/health'
import { jobHealth } from '../../jobs/health'

/**
 * `GET /api/health`: for load balancers and uptime checks. 503 when the database is
 * unreachable; `status: "degraded"` (still 200) when a daily schedule has not succeeded for
 * more than a day, with the last successful run of each under `jobs`.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    let database: 'ok' | 'unreachable' = 'ok'
    try {
      await pingDatabase(req.payload)
    } catch (error) {
      database = 'unreachable'
      req.payload.logger.error(`Health check: database unreachable: ${(error as Error).message}`)
    }
    const healthy = database === 'ok'
    let jobs: JobHealth | 'unknown' = 'unknown'
    if (healthy) {
      try {
        jobs = await jobHealth(req.payload)
      } catch (error) {
        req.payload.logger.error(`Health check: cannot read job health: ${(error as Error).message}`)
      }
    }
    const stale = jobs !== 'unknown' && Object.values(jobs).some((job) => job.stale)
    return Response.json(
      { status: !healthy ? 'error' : stale ? 'degraded' : 'ok', database, jobs },
      { status: healthy ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    )
  },
}
