/**
 * The public contact form (SPEC §14, seed 001 F03.02.17): `POST /api/inquiries` and the member
 * site's "Contact us" page both come here. Protected as every public form is
 * (src/security/publicForm.ts): a filled honeypot is answered as a success and kept nowhere, and
 * the throttle allows 10 an hour per address. The email is lower-cased; the same email and subject
 * again within DEDUP_WINDOW_MINUTES is merged into the inquiry already open (its thread gains the
 * message if it says something new) instead of opening a second one, and is not acknowledged again.
 */
import type { Payload, PayloadRequest, Where } from 'payload'
import { subMinutes } from 'date-fns/subMinutes'

import type { Inquiry } from '@payload-types'

import { queueEmail, siteLinks } from '@/email/queue'
import { RefusedError } from '@/lib/errors'
import { inTransaction, serialise, systemRequest } from '@/lib/transaction'
import { guardPublicForm } from '@/security/publicForm'
import { signInEmail } from '@/security/signInLink'

import type { InquiryType } from './lifecycle'
import { DEDUP_WINDOW_MINUTES, INQUIRY_TYPES, INQUIRY_TYPE_LABELS, isInquiryType } from './lifecycle'
import { appendVisitorMessage } from './actions'
import { contactVariables } from './variables'

/** What the visitor is told, whatever happened (created, merged or trapped). */
export const INQUIRY_ANSWER = 'Thank you for your question. We have emailed you a copy and will reply as soon as we can.'

/** The context flag by which the collection knows a create comes from here (see collections/inquiries). */
export const PUBLIC_INTAKE = 'inquiryIntake'

export const INQUIRY_LIMITS = { name: 120, email: 254, subject: 200, message: 5000, language: 10 } as const

export type InquiryInput = { name: string; email: string; subject: string; message: string; type: InquiryType; language: string | null }

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim()

/** The form's fields, checked and normalised; every problem is named in one 400. */
export function parseInquiry(data: Record<string, unknown>): InquiryInput {
  const problems: Array<{ path: string; message: string }> = []
  const text = (field: 'name' | 'subject' | 'message', label: string): string => {
    const value = data[field]
    if (typeof value !== 'string' || !value.trim()) {
      problems.push({ path: field, message: `Enter ${label}.` })
      return ''
    }
    const cleaned = field === 'message' ? value.replace(/\r\n?/g, '\n').trim() : oneLine(value)
    if (cleaned.length > INQUIRY_LIMITS[field]) problems.push({ path: field, message: `Keep ${label} to ${INQUIRY_LIMITS[field]} characters.` })
    return cleaned
  }
  const name = text('name', 'your name')
  const subject = text('subject', 'a subject')
  const message = text('message', 'your message')
  const email = signInEmail(data.email)
  if (!email) problems.push({ path: 'email', message: 'Enter a valid email address.' })
  const type = data.type === undefined || data.type === null || data.type === '' ? 'other' : data.type
  if (!isInquiryType(type)) problems.push({ path: 'type', message: `Choose what the question is about: ${INQUIRY_TYPES.join(', ')}.` })
  let language: string | null = null
  if (data.language !== undefined && data.language !== null && data.language !== '') {
    if (typeof data.language !== 'string' || !/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(data.language.trim())) problems.push({ path: 'language', message: 'The language is a code such as "en" or "cy".' })
    else language = data.language.trim().toLowerCase()
  }
  if (problems.length > 0) throw new RefusedError(problems.map((p) => p.message).join(' '), 400, { errors: problems })
  return { name, email: email!, subject, message, type: type as InquiryType, language }
}

export type IntakeOutcome = { outcome: 'created' | 'merged'; id: number } | { outcome: 'trapped' }

/**
 * One submission of the form: honeypot and throttle (TooManyRequests, 429, when over), the fields
 * checked (400), then a new inquiry with its acknowledgement or a merge into a recent duplicate.
 */
export async function receiveInquiry(payload: Payload, args: { data: Record<string, unknown>; headers: Pick<Headers, 'get'> | null | undefined }): Promise<IntakeOutcome> {
  const account = typeof args.data.email === 'string' ? args.data.email : null
  if ((await guardPublicForm(payload, { form: 'inquiry', headers: args.headers, account, data: args.data })) === 'trapped') return { outcome: 'trapped' }
  const input = parseInquiry(args.data)
  const req = await systemRequest(payload)
  return inTransaction(req, async () => {
    // two copies sent at once take turns, so the second finds the first
    await serialise(req, `inquiries:${input.email}:${input.subject.toLowerCase()}`)
    const recent = await findRecentDuplicate(req, input)
    if (recent) {
      await appendVisitorMessage(req, recent, { subject: input.subject, body: input.message })
      return { outcome: 'merged', id: recent.id }
    }
    const doc = (await payload.create({
      collection: 'inquiries',
      data: { name: input.name, email: input.email, subject: input.subject, message: input.message, type: input.type, language: input.language },
      req,
      overrideAccess: true,
      depth: 0,
      context: { [PUBLIC_INTAKE]: true },
    })) as Inquiry
    await queueEmail(req, {
      template: 'inquiry-received',
      to: doc.email,
      variables: {
        contact: contactVariables(doc),
        inquiry: { subject: doc.subject, message: doc.message, type: INQUIRY_TYPE_LABELS[doc.type as InquiryType] ?? doc.type },
        links: { join: siteLinks().join },
      },
      related: { relationTo: 'inquiries', value: doc.id },
    })
    return { outcome: 'created', id: doc.id }
  })
}

async function findRecentDuplicate(req: PayloadRequest, input: InquiryInput): Promise<Inquiry | null> {
  const where: Where = {
    and: [
      { email: { equals: input.email } },
      { subject: { equals: input.subject } },
      { createdAt: { greater_than: subMinutes(new Date(), DEDUP_WINDOW_MINUTES).toISOString() } },
      { status: { not_in: ['spam', 'converted'] } },
    ],
  }
  const { docs } = await req.payload.find({ collection: 'inquiries', where, sort: '-createdAt', limit: 1, depth: 0, req, overrideAccess: true })
  return (docs[0] as Inquiry | undefined) ?? null
}
