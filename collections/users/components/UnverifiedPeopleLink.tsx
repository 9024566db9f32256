'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'

/** The people list filtered to those who registered themselves and have not confirmed their email address. */
export const UNVERIFIED_PEOPLE_HREF = '/admin/collections/users?where[or][0][and][0][emailVerifiedAt][exists]=false'

/**
 * Above the people list: how many self-registered people have not confirmed their email address
 * (they cannot apply or pay yet), with a link that filters the list to them. Shows nothing when
 * there are none, or to someone who cannot list people.
 */
export function UnverifiedPeopleLink() {
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    let cancelled = false
    fetch('/api/users?where[emailVerifiedAt][exists]=false&limit=1&depth=0&select[id]=true', { credentials: 'include' })
      .then(async (res) => {
        if (res.ok && !cancelled) setCount(((await res.json()) as { totalDocs?: number }).totalDocs ?? 0)
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [])
  if (!count) return null
  return (
    <p data-hangar-component="UnverifiedPeopleLink" style={{ marginBottom: 16 }}>
      <strong>{count}</strong> {count === 1 ? 'person has' : 'people have'} registered but not confirmed their email address yet, so they cannot apply or pay.{' '}
      <Link href={UNVERIFIED_PEOPLE_HREF}>Show them</Link> (the “Email verified” column says “Not verified”; a person’s page lets you send a new link or mark the address verified).
    </p>
  )
}
