import type { Endpoint, PayloadHandler } from 'payload'

const notFound: PayloadHandler = async () => Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })

/**
 * Payload serves its versions routes on every collection and global, and `/verify/:token` on
 * every auth collection, and answers them with a 500 where versions or verification are not
 * enabled (the version table does not exist). These answer 404 in their place: endpoints are
 * matched in order, so they are put first.
 */
export function notOfferedEndpoints(entity: { versions?: unknown; auth?: unknown }): Endpoint[] {
  const endpoints: Endpoint[] = []
  if (!entity.versions) {
    endpoints.push({ path: '/versions', method: 'get', handler: notFound }, { path: '/versions/:id', method: 'get', handler: notFound }, { path: '/versions/:id', method: 'post', handler: notFound })
  }
  const auth = entity.auth as { verify?: unknown } | undefined
  if (auth && !auth.verify) endpoints.push({ path: '/verify/:token', method: 'post', handler: notFound })
  return endpoints
}
