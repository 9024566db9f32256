import type { CollectionSlug, Endpoint, PayloadHandler, PayloadRequest } from 'payload'

/**
 * Payload's own handler for a path and method that one of our endpoints stands in front of
 * (custom endpoints are matched first; Payload's follow in the same list).
 */
export function builtinHandler(req: PayloadRequest, self: Endpoint, collection: CollectionSlug = 'users'): PayloadHandler {
  const endpoints = req.payload.collections[collection].config.endpoints || []
  const builtin = endpoints.find((endpoint) => endpoint !== self && endpoint.path === self.path && endpoint.method === self.method)
  if (!builtin) throw new Error(`No built-in handler for ${self.method} ${self.path}`)
  return builtin.handler
}
