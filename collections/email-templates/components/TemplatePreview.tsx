'use client'

import { useFormFields } from '@payloadcms/ui'

import { renderEmail } from '@/email/render'
import { DEFAULT_TEMPLATES, isEmailTemplateKey } from '@/email/templates'

/** A live preview of the template being edited, filled in with the template's sample data. */
export function TemplatePreview() {
  const { key, subject, body } = useFormFields(([fields]) => ({
    key: fields.key?.value,
    subject: fields.subject?.value,
    body: fields.body?.value,
  }))
  if (!isEmailTemplateKey(key)) return null
  const rendered = renderEmail({ subject: String(subject ?? ''), body: String(body ?? '') }, DEFAULT_TEMPLATES[key].sample)
  return (
    <div className="field-type" style={{ marginTop: 24 }} data-hangar-component="TemplatePreview">
      <h3 style={{ marginBottom: 8 }}>Preview with sample data</h3>
      <p style={{ marginBottom: 8 }}>
        <strong>Subject:</strong> <span data-testid="preview-subject">{rendered.subject}</span>
      </p>
      <iframe
        title="Email preview"
        sandbox=""
        srcDoc={rendered.html}
        style={{ width: '100%', minHeight: 420, border: '1px solid var(--theme-elevation-150)', borderRadius: 4, background: '#fff' }}
      />
    </div>
  )
}
