'use client'

import { useEffect, useState } from 'react'

const names = new Map<string, Promise<string | null>>()

/** "Alex Admin" for a user id (or a populated user), fetched once per page and id. */
export function useUserName(user: unknown): string | null {
  const populated = user && typeof user === 'object' ? (user as { id?: unknown; firstName?: string; lastName?: string }) : null
  const id = populated ? populated.id : user
  const known = populated?.firstName ? [populated.firstName, populated.lastName].filter(Boolean).join(' ') : null
  const [name, setName] = useState<string | null>(known)
  useEffect(() => {
    if (known || (typeof id !== 'number' && typeof id !== 'string') || id === '') return
    const key = String(id)
    if (!names.has(key)) {
      names.set(
        key,
        fetch(`/api/users/${encodeURIComponent(key)}?depth=0&select[firstName]=true&select[lastName]=true&select[email]=true`, { credentials: 'include' })
          .then((res) => (res.ok ? (res.json() as Promise<{ firstName?: string; lastName?: string; email?: string }>) : null))
          .then((doc) => (doc ? [doc.firstName, doc.lastName].filter(Boolean).join(' ') || doc.email || null : null))
          .catch(() => null),
      )
    }
    let current = true
    void names.get(key)!.then((found) => current && setName(found))
    return () => {
      current = false
    }
  }, [id, known])
  return name
}
