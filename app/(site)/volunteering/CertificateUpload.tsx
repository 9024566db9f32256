'use client'

import { useRouter } from 'next/navigation'
import type { FormEvent } from 'react'
import { useRef, useState } from 'react'

import { callApi } from './callApi'
import { FormMessages } from './FormMessages'

type CertificateTypeChoice = { id: number; name: string; validityMonths: number | null }

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-1.5 text-slate-900'

// What the certificates collection accepts (collections/certificates: CERTIFICATE_MIME_TYPES and
// the 20 MB upload limit), checked here too so a wrong file is explained before it is sent:
// the production server's refusal names only the field, not the reason.
const ACCEPTED_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic']
const ACCEPTED_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'webp', 'heic']
const MAX_BYTES = 20 * 1024 * 1024

function fileProblem(file: File): string | null {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? ''
  if (!ACCEPTED_TYPES.includes(file.type) && !ACCEPTED_EXTENSIONS.includes(extension)) {
    return `${file.name} is not a PDF or a photo: choose a PDF, PNG, JPEG, WebP or HEIC file.`
  }
  if (file.size > MAX_BYTES) return `${file.name} is larger than 20 MB: choose a smaller scan or photo.`
  return null
}

/**
 * "Add a certificate": the type, the issue date, who issued it, its number and the file (a PDF
 * or a photo). It goes to a coordinator to verify; until then it counts for nothing.
 */
export function CertificateUpload({ types }: { types: CertificateTypeChoice[] }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const fields = new FormData(event.currentTarget)
    const file = fields.get('file')
    setError(null)
    setDone(null)
    if (!(file instanceof File) || file.size === 0) {
      setError('Attach the certificate: a PDF or a photo of it.')
      return
    }
    const problem = fileProblem(file)
    if (problem) {
      setError(problem)
      return
    }
    const type = Number(fields.get('type'))
    const text = (name: string) => String(fields.get(name) ?? '').trim() || undefined
    const form = new FormData()
    form.append('file', file)
    form.append('_payload', JSON.stringify({ type, issuedOn: text('issuedOn'), issuer: text('issuer'), reference: text('reference') }))
    setPending(true)
    const outcome = await callApi('/api/certificates?depth=0', { method: 'POST', form })
    setPending(false)
    if (!outcome.ok) {
      setError(outcome.message)
      return
    }
    const typeName = types.find((t) => t.id === type)?.name ?? 'Your'
    setDone(`${typeName} certificate uploaded. A coordinator will check it; until then it shows as awaiting verification.`)
    formRef.current?.reset()
    router.refresh()
  }

  return (
    <form ref={formRef} onSubmit={submit} className="mt-4 space-y-4 rounded bg-slate-50 p-4" aria-labelledby="add-certificate">
      <h3 id="add-certificate" className="text-lg font-semibold">
        Add a certificate
      </h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="certificate-type" className="block font-medium text-slate-800">
            Certificate type
          </label>
          <select id="certificate-type" name="type" required defaultValue="" className={inputClass}>
            <option value="" disabled>
              Choose…
            </option>
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="certificate-issued-on" className="block font-medium text-slate-800">
            Issued on
          </label>
          <input id="certificate-issued-on" name="issuedOn" type="date" required className={inputClass} aria-describedby="certificate-expiry-hint" />
          <p id="certificate-expiry-hint" className="mt-1 text-sm text-slate-600">
            The expiry date follows from the type (for example, fire training lasts 24 months).
          </p>
        </div>
        <div>
          <label htmlFor="certificate-issuer" className="block font-medium text-slate-800">
            Issued by <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input id="certificate-issuer" name="issuer" type="text" maxLength={200} className={inputClass} />
        </div>
        <div>
          <label htmlFor="certificate-reference" className="block font-medium text-slate-800">
            Certificate number <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input id="certificate-reference" name="reference" type="text" maxLength={120} className={inputClass} />
        </div>
      </div>
      <div>
        <label htmlFor="certificate-file" className="block font-medium text-slate-800">
          Certificate file
        </label>
        <input
          id="certificate-file"
          name="file"
          type="file"
          required
          accept={[...ACCEPTED_TYPES, ...ACCEPTED_EXTENSIONS.map((e) => `.${e}`)].join(',')}
          aria-describedby="certificate-file-hint"
          className="mt-1 block w-full text-slate-900"
        />
        <p id="certificate-file-hint" className="mt-1 text-sm text-slate-600">
          A PDF or a photo (PNG, JPEG, WebP or HEIC), up to 20 MB. Only you and the volunteer coordinators can open it.
        </p>
      </div>
      <FormMessages error={error} done={done} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Uploading…' : 'Upload certificate'}
      </button>
    </form>
  )
}
