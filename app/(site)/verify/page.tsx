import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { createLocalReq } from 'payload'

import { verifyCard } from '@/cards/cards'
import { CardsUnavailableError } from '@/cards/keys'
import { verdictMessage } from '@/cards/validity'
import { getPayloadClient } from '@/lib/payload'
import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests } from '@/security/throttle'

export const metadata: Metadata = { title: 'Check a membership card', robots: { index: false, follow: false } }

type Verdict = { kind: 'valid' | 'invalid' | 'unavailable' | 'throttled' | 'missing'; text: string }

/** What the card's token says now (src/cards/cards.ts), as the public endpoint says it. */
async function check(token: string | undefined): Promise<Verdict> {
  if (!token) return { kind: 'missing', text: 'Scan a membership card’s QR code to check it.' }
  const payload = await getPayloadClient()
  try {
    await guardPublicForm(payload, { form: 'cardVerify', headers: await headers(), account: token.slice(-43) })
    const verdict = await verifyCard(await createLocalReq({}, payload), token)
    return verdict.valid ? { kind: 'valid', text: verdictMessage(verdict.validUntil) } : { kind: 'invalid', text: verdictMessage(null) }
  } catch (error) {
    if (error instanceof TooManyRequests) return { kind: 'throttled', text: error.message }
    if (error instanceof CardsUnavailableError) return { kind: 'unavailable', text: 'Cards cannot be checked on this server at the moment.' }
    throw error
  }
}

const STYLES: Record<Verdict['kind'], string> = {
  valid: 'border-green-400 bg-green-50 text-green-900',
  invalid: 'border-red-400 bg-red-50 text-red-900',
  unavailable: 'border-amber-400 bg-amber-50 text-amber-900',
  throttled: 'border-amber-400 bg-amber-50 text-amber-900',
  missing: 'border-slate-300 bg-white text-slate-800',
}

/**
 * `/verify?token=…`, where a membership card's QR code leads: "Valid member until …" or "Not
 * valid", and nothing else about the holder.
 */
export default async function VerifyCardPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams
  const verdict = await check(typeof token === 'string' ? token : undefined)
  return (
    <section aria-labelledby="verify" className="mx-auto max-w-xl rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 id="verify" className="text-2xl font-bold text-brand-900">
        Membership card check
      </h1>
      <p role="status" data-testid="card-verdict" data-verdict={verdict.kind} className={`mt-6 rounded-lg border-2 px-4 py-6 text-center text-2xl font-semibold ${STYLES[verdict.kind]}`}>
        {verdict.text}
      </p>
    </section>
  )
}
