'use server'

import config from '@payload-config'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import { EVENT_TYPES } from '../../../../collections/events'
import { getCurrentUser } from '@/lib/payload'
import { refusalMessage } from '@/lib/errors'

export type ProposalState = { error?: string; values?: Record<string, string> }

/** Plain text as the rich text the description field holds: a paragraph per blank-line-separated block. */
function richText(text: string) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
  if (paragraphs.length === 0) return null
  return {
    root: {
      type: 'root',
      format: '',
      indent: 0,
      version: 1,
      direction: 'ltr',
      children: paragraphs.map((block) => ({
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        textFormat: 0,
        children: [{ type: 'text', text: block.replace(/\n/g, ' '), format: 0, style: '', mode: 'normal', detail: 0, version: 1 }],
      })),
    },
  }
}

const when = (value: string) => (value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null)

/**
 * A member proposes an event from the member site (the same as `POST /api/events` by a member: it
 * becomes a proposal, collections/events/hooks/prepareEvent.ts), or changes their rejected proposal
 * and resubmits it (`edit`: access lets them reach only their own, only while it is back with them).
 */
export async function proposeEvent(_previous: ProposalState, form: FormData): Promise<ProposalState> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/events/propose')
  const values = Object.fromEntries([...form.entries()].filter(([key, value]) => !key.startsWith('$') && typeof value === 'string')) as Record<string, string>
  const title = (values.title ?? '').trim()
  const startsAt = when(values.startsAt ?? '')
  if (!title) return { error: 'Give the event a title.', values }
  if (!startsAt) return { error: 'Say when the event starts.', values }
  if (values.endsAt && !when(values.endsAt)) return { error: 'The end is not a date and time.', values }
  const type = (EVENT_TYPES as readonly string[]).includes(values.type ?? '') ? values.type : 'other'
  const data = {
    title,
    type: type as (typeof EVENT_TYPES)[number],
    startsAt,
    endsAt: when(values.endsAt ?? ''),
    location: (values.location ?? '').trim() || null,
    summary: (values.summary ?? '').trim() || null,
    description: richText(values.description ?? '') as never,
  }
  const payload = await getPayload({ config })
  const editing = /^\d{1,12}$/.test(values.edit ?? '') ? Number(values.edit) : null
  try {
    if (editing) await payload.update({ collection: 'events', id: editing, data, overrideAccess: false, user })
    else await payload.create({ collection: 'events', data: { ...data, audience: 'members', status: 'proposed' } as never, overrideAccess: false, user })
  } catch (error) {
    const refused = refusalMessage(error)
    if (refused === null) throw error
    return { error: (error as { status?: number }).status === 403 || (error as { status?: number }).status === 404 ? 'This proposal can no longer be changed: it is with the organisers, or published.' : refused, values }
  }
  revalidatePath('/events/propose')
  redirect(`/events/propose?sent=${editing ? 'resubmitted' : 'proposed'}`)
}
