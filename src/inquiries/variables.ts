/** The variables inquiry emails and response templates see, built in one place. */
import type { Inquiry, User } from '@payload-types'

import { siteUrl } from '@/email/queue'
import { formatDay } from '@/email/variables'

import type { InquiryType } from './lifecycle'
import { INQUIRY_TYPE_LABELS } from './lifecycle'

/** `{{contact.name}}`, `{{contact.firstName}}`, `{{contact.email}}`: the visitor. */
export function contactVariables(inquiry: Pick<Inquiry, 'name' | 'email'>) {
  return { name: inquiry.name, firstName: inquiry.name.split(' ')[0] ?? inquiry.name, email: inquiry.email }
}

/** `{{inquiry.subject}}`, `.message`, `.type`, `.receivedAt`. */
export function inquiryVariables(inquiry: Pick<Inquiry, 'subject' | 'message' | 'type' | 'createdAt'>) {
  return { subject: inquiry.subject, message: inquiry.message, type: INQUIRY_TYPE_LABELS[inquiry.type as InquiryType] ?? inquiry.type, receivedAt: formatDay(inquiry.createdAt) }
}

/** `{{staff.name}}`, `{{staff.firstName}}`: the member of staff replying. */
export function staffVariables(user: Pick<User, 'firstName' | 'lastName'> | null | undefined) {
  return { name: user ? `${user.firstName} ${user.lastName}`.trim() : '', firstName: user?.firstName ?? '' }
}

/** The inquiry in the admin panel, for staff emails. */
export const inquiryAdminUrl = (id: number) => `${siteUrl()}/admin/collections/inquiries/${id}`

export const fullName = (user: Pick<User, 'firstName' | 'lastName'> | null | undefined) => (user ? `${user.firstName} ${user.lastName}`.trim() : '')
