'use client'

import { Banner, useAuth, useFormFields } from '@payloadcms/ui'

import { canEventOperation } from '@/access/resolve'
import type { Actor } from '@/access/subjects'

/**
 * Seed 004's edit lock, shown where the key fields are edited: once a published event's registration
 * has opened, only admins change them (collections/events/hooks/editLock.ts refuses anyone else).
 * Admins are told registrants will be emailed; others that these fields are locked for them.
 */
export function EditLockNotice() {
  const { user } = useAuth()
  const { status, opensAt, placesTaken } = useFormFields(([fields]) => ({
    status: fields.status?.initialValue as string | undefined,
    opensAt: fields.registrationOpensAt?.initialValue as string | undefined,
    placesTaken: fields.placesTaken?.initialValue as number | undefined,
  }))
  const opened = status === 'published' && ((opensAt ? new Date(opensAt) <= new Date() : false) || (placesTaken ?? 0) > 0)
  if (!opened) return null
  const admin = canEventOperation('editLockedFields', user as Actor)
  return (
    <Banner type={admin ? 'info' : 'error'}>
      {admin
        ? 'Registration has opened: a change to the start, end, location or price is emailed to everyone registered (members and guests).'
        : 'Registration has opened: the start, end, location, price, member prices, payment method and questions are locked, and the capacity cannot be lowered. Ask an admin to change them.'}
    </Banner>
  )
}
