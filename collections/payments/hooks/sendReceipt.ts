import type { PayloadRequest } from 'payload'

import type { Membership, Payment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail, queueStaffEmail } from '@/email/queue'
import { memberVariables, membershipVariables, paymentVariables } from '@/email/variables'

/** The receipt for a succeeded payment, and the staff notice of it. */
export async function sendReceipt(req: PayloadRequest, payment: Payment): Promise<void> {
  const member = await req.payload.findByID({ collection: 'users', id: idOf(payment.member)!, req, depth: 0, overrideAccess: true })
  let membership: ReturnType<typeof membershipVariables> | undefined
  if (payment.membership) {
    const doc = (await req.payload.findByID({ collection: 'memberships', id: idOf(payment.membership)!, req, depth: 0, overrideAccess: true })) as Membership
    const tier = await req.payload.findByID({ collection: 'tiers', id: idOf(doc.tier)!, req, depth: 0, overrideAccess: true })
    membership = membershipVariables(doc, tier)
  }
  const variables = { member: memberVariables(member), payment: paymentVariables(payment), membership }
  const related = { relationTo: 'payments' as const, value: payment.id }
  await queueEmail(req, { template: 'payment-receipt', to: member.email, variables, related })
  await queueStaffEmail(req, { template: 'admin-new-payment', variables, related })
}
