/** The variables templates see, built from documents in one place so every email says things the same way. */
import type { Membership, Payment, Tier, User } from '@payload-types'

import { formatMoney } from '@/lib/money'
import { STATUS_LABELS } from '@/membership/lifecycle'
import type { MembershipStatus } from '@/membership/lifecycle'
import { METHOD_LABELS } from '@/payments/ledger'
import type { PaymentMethod } from '@/payments/ledger'

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "21 November 2027", or empty. */
export const formatDay = (value: string | Date | null | undefined): string => (value ? dateFormat.format(new Date(value)) : '')

export function memberVariables(user: Pick<User, 'firstName' | 'lastName' | 'email'>) {
  return { firstName: user.firstName, lastName: user.lastName, email: user.email }
}

export function membershipVariables(membership: Membership, tier: Pick<Tier, 'name'>) {
  return {
    tier: tier.name,
    number: membership.membershipNumber ?? '',
    status: STATUS_LABELS[membership.status as MembershipStatus] ?? membership.status,
    periodStart: formatDay(membership.periodStart),
    periodEnd: formatDay(membership.periodEnd),
    organisationName: membership.organisationName ?? '',
  }
}

export function paymentVariables(payment: Payment) {
  return {
    amount: formatMoney({ amount: payment.amount, currency: payment.currency }),
    receiptNumber: payment.receiptNumber ?? '',
    method: METHOD_LABELS[payment.method as PaymentMethod] ?? payment.method,
    paidAt: formatDay(payment.paidAt),
    discount: payment.discount?.amount
      ? `${formatMoney({ amount: payment.listAmount ?? 0, currency: payment.currency })} less ${payment.discount.reason?.toLowerCase() ?? 'a discount'}`
      : '',
  }
}
