'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'

import { describePaymentStatus } from '@/admin/describe'

const TONES: Record<string, { background: string; border: string }> = {
  succeeded: { background: 'var(--theme-success-100)', border: 'var(--theme-success-500)' },
  failed: { background: 'var(--theme-error-100)', border: 'var(--theme-error-500)' },
  cancelled: { background: 'var(--theme-error-100)', border: 'var(--theme-error-500)' },
}

/** The sentence at the top of a saved payment: "This payment has succeeded." and so on. */
export function PaymentStatusBanner() {
  const { id } = useDocumentInfo()
  const sentence = useFormFields(([fields]) => {
    let refunded = 0
    for (const [path, field] of Object.entries(fields)) {
      if (/^refunds\.\d+\.amount$/.test(path) && typeof field.value === 'number') refunded += field.value
    }
    return describePaymentStatus({
      status: fields.status?.value,
      amount: fields.amount?.value,
      currency: fields.currency?.value,
      paidAt: fields.paidAt?.value,
      failureReason: fields.failureReason?.value,
      cancelReason: fields.cancelReason?.value,
      refunded,
    })
  })
  const status = useFormFields(([fields]) => fields.status?.value)
  if (!id || !sentence) return null
  const tone = TONES[String(status)] ?? { background: 'var(--theme-elevation-50)', border: 'var(--theme-elevation-400)' }
  return (
    <p
      data-hangar-component="PaymentStatusBanner"
      style={{
        background: tone.background,
        borderLeft: `4px solid ${tone.border}`,
        color: 'var(--theme-text)',
        padding: 'calc(var(--base) / 2) var(--base)',
        marginBottom: 'var(--base)',
      }}
    >
      {sentence}
    </p>
  )
}
