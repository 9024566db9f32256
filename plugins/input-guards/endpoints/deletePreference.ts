import type { Endpoint, Where } from 'payload'
import { NotFound, UnauthorizedError } from 'payload'

/**
 * `DELETE /api/payload-preferences/:key` as Payload's own, except that a key the user has no
 * preference under is 404: Payload's version asks the database to delete a row it did not find,
 * which fails as a 500.
 */
export const deletePreferenceEndpoint: Endpoint = {
  path: '/:key',
  method: 'delete',
  handler: async (req) => {
    if (!req.user) throw new UnauthorizedError(req.t)
    const where: Where = { and: [{ key: { equals: req.routeParams?.key } }, { 'user.value': { equals: req.user.id } }, { 'user.relationTo': { equals: req.user.collection } }] }
    const found = await req.payload.db.findOne({ collection: 'payload-preferences', req, where })
    if (!found) throw new NotFound(req.t)
    const result = await req.payload.db.deleteOne({ collection: 'payload-preferences', req, where: { id: { equals: found.id } } })
    return Response.json({ ...result, message: req.t('general:deletedSuccessfully') })
  },
}
