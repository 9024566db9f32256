import QRCode from 'qrcode'

import type { User } from '@payload-types'

import type { MembershipCard } from '@/cards/cards'
import { issueCard } from '@/cards/cards'
import { CardsUnavailableError, cardKeys } from '@/cards/keys'
import { cardDate } from '@/cards/validity'

import { PortalSection } from './PortalSection'

/**
 * The member's card for each membership that makes them a member now: the organisation, their
 * name, the tier, the number, valid until, and the QR code (an SVG made here on the server) that a
 * door scanner or a phone checks; and the same card as a PDF. Their photo too, once they have one.
 */
export async function CardSection({ cards, user, photoUrl, organisationName }: { cards: MembershipCard[]; user: User; photoUrl: string | null; organisationName: string }) {
  if (cards.length === 0) return null
  let keys: ReturnType<typeof cardKeys>
  try {
    keys = cardKeys()
  } catch (error) {
    if (!(error instanceof CardsUnavailableError)) throw error
    return (
      <PortalSection id="card" title="Membership card">
        <p className="mt-3 text-slate-700">Membership cards are not available yet. Please ask the membership secretary.</p>
      </PortalSection>
    )
  }
  const issued = await Promise.all(
    cards.map(async (card) => {
      const { link } = await issueCard(keys, card, user)
      const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      return { card, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }
    }),
  )
  return (
    <PortalSection id="card" title={cards.length === 1 ? 'Membership card' : 'Membership cards'}>
      <ul className="mt-4 space-y-4">
        {issued.map(({ card, qr }) => (
          <li key={card.membership} data-testid="membership-card" className="flex flex-wrap items-center justify-between gap-4 rounded-lg border border-brand-900/20 bg-slate-50 p-4 sm:max-w-xl">
            <div className="min-w-0 space-y-1">
              {photoUrl && (
                // eslint-disable-next-line @next/next/no-img-element -- a private upload served to its owner; next/image would fetch it without their session
                <img src={photoUrl} alt={`Photo of ${card.holderName}`} width={72} height={72} className="float-right ml-3 h-18 w-18 rounded object-cover" />
              )}
              <p className="font-bold text-brand-900">{organisationName}</p>
              <p className="text-xs uppercase tracking-wide text-slate-600">Membership card</p>
              <p className="text-lg font-semibold">{card.holderName}</p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt className="text-slate-600">Membership</dt>
                <dd>
                  {card.tierName}
                  {card.organisationName ? (card.via === 'seat' ? `, seat of ${card.organisationName}` : `, ${card.organisationName}`) : ''}
                </dd>
                {card.membershipNumber && (
                  <>
                    <dt className="text-slate-600">Number</dt>
                    <dd>{card.membershipNumber}</dd>
                  </>
                )}
                <dt className="text-slate-600">Valid until</dt>
                <dd>{cardDate(card.validUntil)}</dd>
              </dl>
              <p className="pt-2">
                <a href={`/api/memberships/${card.membership}/card.pdf`} className="font-medium text-brand-700 underline" download>
                  Download card (PDF)
                </a>
              </p>
            </div>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server; nothing for next/image to optimise */}
            <img src={qr} alt={`QR code of the membership card of ${card.holderName}: scan it to check the card`} width={176} height={176} className="h-44 w-44 bg-white" />
          </li>
        ))}
      </ul>
    </PortalSection>
  )
}
