import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import type { Payload, TaskConfig } from 'payload'

import type { Membership, Notice, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail, siteUrl } from '@/email/queue'
import { normaliseEmail, ACCESS_STATUSES } from '@/membership/groups'
import { inTransaction, systemRequest } from '@/lib/transaction'

type Recipient = { email: string; firstName: string; userId?: number }

/** Everyone a notice's audience reaches now: members active or in grace (of the chosen tiers), and their organisations' seat holders. */
export async function noticeRecipients(payload: Payload, notice: Notice): Promise<Recipient[]> {
  const tiers = notice.audience === 'tiers' ? (notice.audienceTiers ?? []).map((t) => idOf(t) as number) : null
  const recipients = new Map<string, Recipient>()
  for (let afterId = 0; ; ) {
    const { docs } = await payload.find({
      collection: 'memberships',
      where: { and: [{ status: { in: [...ACCESS_STATUSES] } }, { id: { greater_than: afterId } }, ...(tiers ? [{ tier: { in: tiers } }] : [])] },
      sort: 'id',
      limit: 500,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { member: true, seatHolders: true, tier: true },
    })
    if (docs.length === 0) break
    afterId = docs.at(-1)!.id
    const users = await payload.find({
      collection: 'users',
      where: { id: { in: [...new Set((docs as Membership[]).map((m) => idOf(m.member)))] } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { email: true, firstName: true },
    })
    for (const user of users.docs as User[]) recipients.set(user.email.toLowerCase(), { email: user.email, firstName: user.firstName, userId: user.id })
    for (const m of docs as Membership[]) {
      for (const seat of m.seatHolders ?? []) {
        const email = normaliseEmail(seat.email)
        if (email && !recipients.has(email)) recipients.set(email, { email, firstName: '' })
      }
    }
    if (docs.length < 500) break
  }
  return [...recipients.values()]
}

/**
 * Emails a published notice to its audience, one queued email per person. A retried run skips
 * whoever already has this notice's email, so nobody gets it twice.
 */
export async function emailNotice(payload: Payload, noticeId: number): Promise<{ queued: number; skipped: number }> {
  const notice = (await payload.findByID({ collection: 'notices', id: noticeId, depth: 0, overrideAccess: true, disableErrors: true })) as Notice | null
  if (!notice || notice.status !== 'published') return { queued: 0, skipped: 0 }
  const text = convertLexicalToPlaintext({ data: notice.body as never }).trim()
  const link = `${siteUrl()}/notices/${notice.id}`
  const already = await payload.find({
    collection: 'notifications',
    where: { and: [{ template: { equals: 'notice' } }, { 'relatedTo.value': { equals: notice.id } }, { 'relatedTo.relationTo': { equals: 'notices' } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { recipient: true },
  })
  const sent = new Set(already.docs.map((n) => n.recipient.toLowerCase()))
  let queued = 0
  const recipients = (await noticeRecipients(payload, notice)).filter((r) => !sent.has(r.email.toLowerCase()))
  for (let i = 0; i < recipients.length; i += 100) {
    await inTransaction(await systemRequest(payload), async (req) => {
      for (const recipient of recipients.slice(i, i + 100)) {
        await queueEmail(req, {
          template: 'notice',
          to: recipient.email,
          related: { relationTo: 'notices', value: notice.id },
          variables: { member: { firstName: recipient.firstName }, notice: { title: notice.title, text }, links: { notice: link } },
        })
        queued += 1
      }
    })
  }
  return { queued, skipped: sent.size }
}

export const emailNoticeTask: TaskConfig<'emailNotice'> = {
  slug: 'emailNotice',
  label: 'Email a notice to its audience',
  inputSchema: [{ name: 'notice', type: 'number', required: true }],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 30_000 } },
  handler: async ({ input, req }) => {
    const result = await emailNotice(req.payload, input.notice)
    req.payload.logger.info(`Notice ${input.notice}: ${result.queued} emails queued (${result.skipped} already sent)`)
    return { output: {} }
  },
}

