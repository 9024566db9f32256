import type { Endpoint } from 'payload'

import { RefusedError } from '@/lib/errors'
import { directoryPhoto, mayBrowseDirectory, searchDirectory } from '@/members/directory'

import { privateFileResponse } from '../../hooks/uploads'

const notMember = () => new RefusedError('The member directory is for members: sign in with an active membership to browse it.', 403)

/** GET /api/directory?search=&tier=&page= — one page of cards, each with only what that member shows. */
export const directoryEndpoint: Endpoint = {
  path: '/directory',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to browse the member directory.', 401)
    if (!(await mayBrowseDirectory(req))) throw notMember()
    const query = req.searchParams
    const page = await searchDirectory(req, { search: query.get('search') ?? undefined, tier: query.get('tier') ?? undefined, page: query.get('page') ?? undefined })
    return Response.json(page, { headers: { 'Cache-Control': 'private, no-store' } })
  },
}

/** GET /api/directory/:id/photo — the photo of a person who shows it, to those who may browse; 404 otherwise. */
export const directoryPhotoEndpoint: Endpoint = {
  path: '/directory/:id/photo',
  method: 'get',
  handler: async (req) => {
    const photo = await directoryPhoto(req, req.routeParams?.id)
    const staticDir = req.payload.collections.media.config.upload && typeof req.payload.collections.media.config.upload === 'object' ? req.payload.collections.media.config.upload.staticDir : undefined
    const file = photo?.filename && staticDir ? await privateFileResponse(staticDir, photo.filename, photo.mimeType ?? 'image/jpeg') : null
    if (!file) throw new RefusedError('There is no such photo.', 404)
    return file
  },
}
