/**
 * The inquiry inbox in the demo (docs/inquiries.md): a response template per inquiry type, and
 * questions in the states a secretary meets them in: just arrived, assigned and overdue, answered,
 * and spam. Made through the same intake and actions staff use, so histories, logs and emails are
 * real (to addresses on hangar.test).
 */
import type { Inquiry } from '@payload-types'

import { assignInquiry, replyToInquiry, transitionInquiryByHand } from '@/inquiries/actions'
import { PUBLIC_INTAKE } from '@/inquiries/intake'
import { inTransaction, systemRequest } from '@/lib/transaction'

import type { DemoContext } from './context'
import { daysFromNow } from './context'

const TEMPLATES = [
  {
    name: 'Joining: how it works',
    inquiryType: 'joining' as const,
    subject: 'Re: {{inquiry.subject}}',
    body: 'Dear {{contact.firstName}},\n\nThank you for your interest in {{organisation.name}}. You can see our tiers and join online here:\n\n{{links.join}}\n\nMost people choose Personal membership; aircraft owners and businesses have tiers of their own. Do ask if anything is unclear.\n\nBest wishes,\n{{staff.name}}',
  },
  {
    name: 'Events: visitors welcome',
    inquiryType: 'events' as const,
    subject: 'Re: {{inquiry.subject}}',
    body: 'Dear {{contact.firstName}},\n\nThank you for asking. Most of our events are open to visitors; members-only meetings say so on the events page.\n\nBest wishes,\n{{staff.name}}',
  },
  {
    name: 'Volunteering: getting started',
    inquiryType: 'volunteering' as const,
    subject: 'Re: {{inquiry.subject}}',
    body: 'Dear {{contact.firstName}},\n\nThank you for offering to help. Volunteers are members: once you have joined, our volunteer coordinator will tell you about the fire, radio and general duties rotas.\n\nBest wishes,\n{{staff.name}}',
  },
  { name: 'General reply', subject: 'Re: {{inquiry.subject}}', body: 'Dear {{contact.firstName}},\n\nThank you for getting in touch.\n\nBest wishes,\n{{staff.name}}' },
]

const QUESTIONS = [
  { key: 'new', name: 'Morgan Price', email: 'morgan.price@hangar.test', type: 'joining' as const, subject: 'Learning to fly at Swansea', message: 'I am starting my PPL next spring. Is there a membership for student pilots?' },
  { key: 'overdue', name: 'Rhian Evans', email: 'rhian.evans@hangar.test', type: 'events' as const, subject: 'Parking at the summer fly-in', message: 'Can visitors park cars at the fly-in, and is there a charge?' },
  { key: 'answered', name: 'Tom Hughes', email: 'tom.hughes@hangar.test', type: 'volunteering' as const, subject: 'Radio volunteering', message: 'I hold an FRTOL. Could I help on the radio at events?' },
  { key: 'spam', name: 'Best SEO', email: 'seo.offers@hangar.test', type: 'other' as const, subject: 'Rank first on Google', message: 'We can put your website on the first page.' },
]

export async function seedInquiries(ctx: DemoContext): Promise<void> {
  const { payload, people } = ctx
  const admin = people.admin!
  for (const template of TEMPLATES) await payload.create({ collection: 'inquiry-templates', data: template, depth: 0 })
  ctx.report.created.push(`${TEMPLATES.length} inquiry response templates`)

  const inquiries: Record<string, Inquiry> = {}
  for (const { key, ...question } of QUESTIONS) {
    const req = await systemRequest(payload)
    inquiries[key] = (await inTransaction(req, () => payload.create({ collection: 'inquiries', data: question, req, depth: 0, context: { [PUBLIC_INTAKE]: true } }))) as Inquiry
  }
  const staff = await systemRequest(payload, admin)
  await assignInquiry(staff, inquiries.overdue!.id, { assignee: admin.id, note: 'You know the fly-in plans.' })
  // it came in a week ago: waiting past its follow-up date, so the inbox lists it first
  await payload.db.updateOne({ collection: 'inquiries', id: inquiries.overdue!.id, data: { followUpDue: daysFromNow(ctx.now, -2).toISOString(), createdAt: daysFromNow(ctx.now, -7).toISOString() }, returning: false })
  await assignInquiry(await systemRequest(payload, admin), inquiries.answered!.id, { assignee: admin.id })
  const volunteering = (await payload.find({ collection: 'inquiry-templates', where: { inquiryType: { equals: 'volunteering' } }, limit: 1, depth: 0 })).docs[0]
  await replyToInquiry(await systemRequest(payload, admin), inquiries.answered!.id, { template: volunteering?.id })
  await transitionInquiryByHand(await systemRequest(payload, admin), inquiries.spam!.id, 'spam', 'Advertising')
  ctx.report.created.push(`${QUESTIONS.length} inquiries (new, assigned and overdue, answered, spam)`)
}
