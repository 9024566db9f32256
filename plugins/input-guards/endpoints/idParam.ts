import type { Endpoint } from 'payload'

import { type IdType, documentIdOf } from '@/lib/documentId'

const notFound = () => Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })

/** Paths with an `:id` parameter that names a document (not `/verify/:id`, whose "id" is a token). */
const namesDocument = (path: string) => /\/:id\??(\/|$)/.test(path) && !path.startsWith('/verify')

/**
 * Every endpoint of a collection with a document id in its path, Payload's (`/:id`,
 * `/:id/duplicate`, `/versions/:id`, `/access/:id?`) and ours (`/:id/refund`, `/:id/sign-up`…),
 * answers 404 when that id cannot name a document, before its handler asks the database
 * (which fails with a 500 on "1.5" or 99999999999999999999 in Postgres).
 */
export function withDocumentIdCheck(endpoint: Endpoint, idType: IdType): Endpoint {
  if (!namesDocument(endpoint.path)) return endpoint
  const { handler } = endpoint
  return {
    ...endpoint,
    handler: async (req) => {
      const id = req.routeParams?.id
      if (id !== undefined && id !== null && id !== '' && documentIdOf(id, idType) === undefined) return notFound()
      return handler(req)
    },
  }
}
