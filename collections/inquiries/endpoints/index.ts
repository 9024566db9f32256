import type { Endpoint } from 'payload'

import { builtinHandler } from '../../users/endpoints/builtin'
import { RefusedError } from '@/lib/errors'
import { readJsonBody } from '@/lib/requestBody'
import { assignInquiry, managesInquiries, previewReply, refuseUnlessManagesInquiries, replyToInquiry, transitionInquiryByHand } from '@/inquiries/actions'
import { convertInquiry } from '@/inquiries/convert'
import { INQUIRY_ANSWER, receiveInquiry } from '@/inquiries/intake'
import { INQUIRY_STATUSES, isInquiryStatus } from '@/inquiries/lifecycle'
import { TooManyRequests, tooManyRequestsResponse } from '@/security/throttle'

const noStore = { 'Cache-Control': 'no-store' }

/**
 * `POST /api/inquiries` for a visitor or a member: the contact form (src/inquiries/intake.ts),
 * answered 201 with the same message whether it opened an inquiry, joined a recent duplicate or
 * fell into the honeypot. Staff who manage inquiries, recording one (a phone call), get Payload's
 * own create.
 */
export const publicInquiryEndpoint: Endpoint = {
  path: '/',
  method: 'post',
  handler: async (req) => {
    if (managesInquiries(req)) return builtinHandler(req, publicInquiryEndpoint, 'inquiries')(req)
    const data = await readJsonBody(req)
    try {
      await receiveInquiry(req.payload, { data, headers: req.headers })
    } catch (error) {
      if (error instanceof TooManyRequests) return tooManyRequestsResponse(error)
      throw error
    }
    return Response.json({ message: INQUIRY_ANSWER }, { status: 201, headers: noStore })
  },
}

const idParam = (req: Parameters<Endpoint['handler']>[0]) => req.routeParams?.id

const optionalText = (value: unknown, field: string): string | null => {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw new RefusedError(`"${field}" must be text.`, 400)
  return value
}

/** `POST /api/inquiries/:id/transition` `{ to, reason? }`: a status chosen by hand (close, spam, reopen…). */
export const transitionInquiryEndpoint: Endpoint = {
  path: '/:id/transition',
  method: 'post',
  handler: async (req) => {
    refuseUnlessManagesInquiries(req, 'change an inquiry’s status')
    const { to, reason } = await readJsonBody(req)
    if (!isInquiryStatus(to)) throw new RefusedError(`"to" must be one of: ${INQUIRY_STATUSES.join(', ')}.`, 400)
    const doc = await transitionInquiryByHand(req, idParam(req), to, optionalText(reason, 'reason'))
    return Response.json({ doc, message: `The inquiry is now ${doc.status}.` }, { headers: noStore })
  },
}

/** `POST /api/inquiries/:id/assign` `{ assignee, note? }`. */
export const assignInquiryEndpoint: Endpoint = {
  path: '/:id/assign',
  method: 'post',
  handler: async (req) => {
    refuseUnlessManagesInquiries(req, 'assign inquiries')
    const { assignee, note } = await readJsonBody(req)
    const doc = await assignInquiry(req, idParam(req), { assignee, note: optionalText(note, 'note') })
    return Response.json({ doc, message: 'The inquiry is assigned.' }, { headers: noStore })
  },
}

/** `GET /api/inquiries/:id/reply-preview?template=`: a response template filled in for the inquiry, and the templates that fit it. */
export const replyPreviewEndpoint: Endpoint = {
  path: '/:id/reply-preview',
  method: 'get',
  handler: async (req) => {
    refuseUnlessManagesInquiries(req, 'reply to inquiries')
    const template = new URL(req.url ?? 'http://localhost').searchParams.get('template')
    return Response.json(await previewReply(req, idParam(req), template), { headers: noStore })
  },
}

/** `POST /api/inquiries/:id/reply` `{ template?, subject?, body? }`. */
export const replyInquiryEndpoint: Endpoint = {
  path: '/:id/reply',
  method: 'post',
  handler: async (req) => {
    refuseUnlessManagesInquiries(req, 'reply to inquiries')
    const { template, subject, body } = await readJsonBody(req)
    const doc = await replyToInquiry(req, idParam(req), { template, subject, body })
    return Response.json({ doc, message: `Your reply is on its way to ${doc.email}.` }, { status: 202, headers: noStore })
  },
}

/** `POST /api/inquiries/:id/convert` `{ tier?, firstName?, lastName?, organisationName?, linkExisting? }`. */
export const convertInquiryEndpoint: Endpoint = {
  path: '/:id/convert',
  method: 'post',
  handler: async (req) => {
    refuseUnlessManagesInquiries(req, 'convert inquiries to members')
    const body = await readJsonBody(req)
    const result = await convertInquiry(req, idParam(req), body)
    const message = result.linked
      ? `The inquiry is linked to the account of ${result.member.email}.`
      : `${result.member.email} is now a member${result.application ? ' with an application' : ''}, and has been sent an invitation to sign in.`
    return Response.json(
      { doc: result.inquiry, member: result.member.id, application: result.application?.id ?? null, invited: result.invited, linked: result.linked, message },
      { status: result.linked ? 200 : 201, headers: noStore },
    )
  },
}

export const inquiryEndpoints = [publicInquiryEndpoint, transitionInquiryEndpoint, assignInquiryEndpoint, replyPreviewEndpoint, replyInquiryEndpoint, convertInquiryEndpoint]
