import type { Where } from 'payload'

import type { Tier } from '@payload-types'

import { formatMoney } from '@/lib/money'

/** What visitors and members are offered: tiers marked public and still active. */
export const publicTiers: Where = { and: [{ public: { equals: true } }, { active: { equals: true } }] }

const KIND_LABELS: Record<Tier['kind'], string> = {
  individual: 'Individual',
  household: 'Household',
  organisation: 'Organisation',
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "£5.00 a year" */
export function tierPriceLabel(tier: Pick<Tier, 'fee' | 'currency'>): string {
  return `${formatMoney({ amount: tier.fee, currency: tier.currency })} a year`
}

/** How a tier's membership runs, in words a member understands. */
export function tierTermsLabel(tier: Pick<Tier, 'kind' | 'seats' | 'period' | 'renewalDay' | 'renewalMonth'>): string {
  const who = tier.kind === 'organisation' && tier.seats ? `${KIND_LABELS.organisation}, up to ${tier.seats} seat holders` : KIND_LABELS[tier.kind]
  const when =
    tier.period === 'calendar' && tier.renewalDay && tier.renewalMonth
      ? `renews every ${tier.renewalDay} ${MONTH_NAMES[Number(tier.renewalMonth) - 1]}`
      : '12 months from joining'
  return `${who} · ${when}`
}
