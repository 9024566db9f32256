import type { Endpoint } from 'payload'

import type { User } from '@payload-types'

import { cardsOf, issueCard } from '@/cards/cards'
import { cardFileName, renderCardPdf } from '@/cards/cardPdf'
import { cardKeys } from '@/cards/keys'
import { cardPhotoBytes } from '@/cards/photo'
import { RefusedError } from '@/lib/errors'
import { readSettings } from '@/lib/siteRequest'

/**
 * `GET /api/memberships/:id/card.pdf`: the signed-in person's membership card as a PDF, for a
 * membership that makes them a member now (their own, or a seat on an organisation's), active or
 * in grace. Nobody else's card: 401 signed out, 404 for anyone the membership gives no card
 * (staff included: a card is its holder's to carry). 503 when the server has no card key.
 */
export const cardPdfEndpoint: Endpoint = {
  path: '/:id/card.pdf',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to download your membership card.', 401)
    const user = req.user as User
    const keys = cardKeys(req.payload.logger)
    const card = (await cardsOf(req, user)).find((c) => String(c.membership) === String(req.routeParams?.id))
    if (!card) throw new RefusedError('You have no current membership card for this membership.', 404)
    const [settings, { link }, photo] = await Promise.all([readSettings(req.payload), issueCard(keys, card, user), cardPhotoBytes(req, user)])
    const pdf = await renderCardPdf({ organisationName: settings.organisationName || 'Hangar', card, link, photo })
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(pdf.byteLength),
        'Content-Disposition': `attachment; filename="${cardFileName(card)}"`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}
