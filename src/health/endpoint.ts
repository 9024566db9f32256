import type { Endpoint } from 'payload'

import { pingDatabase } from '@/lib/database'

/** `GET /api/health`: for load balancers and uptime checks. 503 when the database is unreachable. */
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
    return Response.json(
      { status: healthy ? 'ok' : 'error', database },
      { status: healthy ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    )
  },
}
