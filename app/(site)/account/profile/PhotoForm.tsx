'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

const buttonClass = 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60'

/** Uploads to POST /api/users/photo (made square and stripped of metadata there) or takes the photo down. */
export function PhotoForm({ photoUrl, name }: { photoUrl: string | null; name: string }) {
  const router = useRouter()
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null)
  const [pending, setPending] = useState(false)

  async function send(method: 'POST' | 'DELETE', body?: FormData) {
    setPending(true)
    setMessage(null)
    try {
      const res = await fetch('/api/users/photo', { method, body, credentials: 'same-origin' })
      const answer = (await res.json().catch(() => ({}))) as { message?: string; errors?: Array<{ message?: string }> }
      setMessage({ ok: res.ok, text: res.ok ? (answer.message ?? 'Saved.') : (answer.errors?.[0]?.message ?? 'That did not work. Please try again.') })
      if (res.ok) router.refresh()
    } finally {
      setPending(false)
    }
  }

  return (
    <div className="mt-4 space-y-4">
      {photoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private file served by the API, not an optimisable static image
        <img src={photoUrl} alt={`Photo of ${name}`} width={128} height={128} className="h-32 w-32 rounded-full object-cover ring-1 ring-slate-300" />
      ) : (
        <p className="text-slate-700">You have no photo yet.</p>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-green-900' : 'text-red-800'}>
          {message.text}
        </p>
      )}
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault()
          const form = new FormData(event.currentTarget)
          const file = form.get('file')
          if (!(file instanceof File) || file.size === 0) return setMessage({ ok: false, text: 'Choose a photo to upload.' })
          void send('POST', form)
        }}
      >
        <div>
          <label htmlFor="photo-file" className="block font-medium text-slate-800">
            {photoUrl ? 'Replace my photo' : 'Add a photo'} (JPEG, PNG, WebP or AVIF, up to 8 MB)
          </label>
          <input id="photo-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif" className="mt-1 block w-full text-slate-900" />
        </div>
        <p className="text-sm text-slate-600">We crop it to a square and remove its hidden details (such as where it was taken).</p>
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? 'Saving…' : 'Upload photo'}
          </button>
          {photoUrl && (
            <button type="button" disabled={pending} onClick={() => void send('DELETE')} className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-900 hover:bg-slate-50">
              Remove my photo
            </button>
          )}
        </div>
      </form>
    </div>
  )
}
