'use client'

import type { DefaultCellComponentProps } from 'payload'

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** The people list's "Email verified" column: the day it was confirmed, or "Not verified" in words. */
export function EmailVerifiedCell({ cellData }: DefaultCellComponentProps) {
  if (typeof cellData === 'string' && cellData) return <span data-hangar-component="EmailVerifiedCell">{dateFormat.format(new Date(cellData))}</span>
  return (
    <span data-hangar-component="EmailVerifiedCell" style={{ fontWeight: 600, color: 'var(--theme-warning-750, #8a5a00)' }}>
      Not verified
    </span>
  )
}
