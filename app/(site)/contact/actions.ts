'use server'

import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'

import { refusalMessage } from '@/lib/errors'
import { INQUIRY_ANSWER, receiveInquiry } from '@/inquiries/intake'

export type ContactState = { error?: string; done?: string; values?: Record<string, string> }

const FIELDS = ['name', 'email', 'subject', 'message', 'type'] as const

/** The member site's "Contact us / Ask about joining" form: the same intake as POST /api/inquiries. */
export async function sendInquiry(_previous: ContactState, form: FormData): Promise<ContactState> {
  const data: Record<string, unknown> = Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith('$')).map(([key, value]) => [key, typeof value === 'string' ? value : '']))
  const values = Object.fromEntries(FIELDS.map((field) => [field, String(data[field] ?? '')]))
  const payload = await getPayload({ config })
  try {
    await receiveInquiry(payload, { data, headers: await headers() })
  } catch (error) {
    const message = refusalMessage(error)
    if (message === null) throw error
    return { error: message, values }
  }
  return { done: INQUIRY_ANSWER }
}
