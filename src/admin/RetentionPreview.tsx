'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

type Due = { id: number; name: string; email: string; lastMembershipEnd: string }
type Preview = { on: boolean; years: number; count: number; people: Due[] }

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/**
 * Above the people list, for admins (GET /api/retention/preview answers others 403, and then this
 * shows nothing): who the retention rule will anonymise at its next daily run.
 */
export function RetentionPreview() {
  const [preview, setPreview] = useState<Preview | null>(null)
  const [open, setOpen] = useState(false)

  useEffect(() => {
    let cancelled = false
    fetch('/api/retention/preview?limit=20', { credentials: 'include' })
      .then(async (res) => {
        if (res.ok && !cancelled) setPreview((await res.json()) as Preview)
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [])

  if (!preview?.on || preview.count === 0) return null
  return (
    <section aria-labelledby="retention-preview" style={{ marginBottom: 24 }} data-hangar-component="RetentionPreview">
      <p id="retention-preview">
        <strong>{preview.count}</strong> {preview.count === 1 ? 'person' : 'people'} whose memberships all ended more than {preview.years} years ago will be anonymised at the next
        daily run (Settings → Privacy).{' '}
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} style={{ textDecoration: 'underline', background: 'none', border: 0, padding: 0, cursor: 'pointer', color: 'inherit' }}>
          {open ? 'Hide' : 'Show'} {preview.count > preview.people.length ? `the first ${preview.people.length}` : 'them'}
        </button>
      </p>
      {open && (
        <ul>
          {preview.people.map((person) => (
            <li key={person.id}>
              <Link href={`/admin/collections/users/${person.id}`}>{person.name}</Link> ({person.email}), last membership ended {day(person.lastMembershipEnd)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
