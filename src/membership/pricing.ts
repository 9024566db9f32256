/**
 * What a membership costs (SPEC §3): the tier's annual fee, less the household discount for
 * the second and later members of a household. Pure; the Payload glue is in groups.ts.
 */
import { formatMoney } from '@/lib/money'

export type MembershipPrice<Currency extends string = string> = {
  /** What the member is asked to pay, in minor units. */
  amount: number
  currency: Currency
  /** The tier's fee before any discount. */
  listAmount: number
  /** Minor units taken off (0 when none). */
  discountAmount: number
  /** Why, in words shown on the payment and the receipt; null when there is no discount. */
  discountReason: string | null
}

/** A household discount is a whole or decimal percentage between 0 and 100. */
export function isDiscountPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100
}

/**
 * The price of one period. `joinsHousehold` is true for a membership that belongs to another
 * member's household (the first member of a household pays the full fee). The discount is
 * rounded to the nearest minor unit, never below zero.
 */
export function priceFor<Currency extends string>(
  tier: { fee: number; currency: Currency; kind: string },
  household: { joinsHousehold: boolean; discountPercent: number | null | undefined },
): MembershipPrice<Currency> {
  const percent = isDiscountPercent(household.discountPercent) ? household.discountPercent : 0
  const applies = tier.kind === 'household' && household.joinsHousehold && percent > 0 && tier.fee > 0
  const discountAmount = applies ? Math.min(tier.fee, Math.round((tier.fee * percent) / 100)) : 0
  return {
    amount: tier.fee - discountAmount,
    currency: tier.currency,
    listAmount: tier.fee,
    discountAmount,
    discountReason: applies ? `Household discount (${percent}%)` : null,
  }
}

/** "£2.50 (£5.00 less household discount (50%))" for the portal and receipts. */
export function priceLabel(price: MembershipPrice): string {
  const amount = formatMoney({ amount: price.amount, currency: price.currency })
  if (!price.discountAmount) return amount
  return `${amount} (${formatMoney({ amount: price.listAmount, currency: price.currency })} less ${price.discountReason?.toLowerCase()})`
}

