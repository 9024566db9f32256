'use server'

import config from '@payload-config'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import { getCurrentUser } from '@/lib/payload'
import { systemRequest } from '@/lib/transaction'

import { settleDummyPayment } from '../../../../plugins/dummy-payments/outcome'

export async function settle(form: FormData): Promise<void> {
  const user = await getCurrentUser()
  const id = String(form.get('payment') ?? '')
  const outcome = form.get('outcome') === 'approve' ? 'approve' : 'decline'
  if (!user) redirect(`/sign-in?next=/pay/dummy/${id}`)
  const payload = await getPayload({ config })
  await settleDummyPayment(await systemRequest(payload, user), id, outcome)
  redirect(outcome === 'approve' ? '/account?paid=1' : `/pay/dummy/${id}?declined=1`)
}
