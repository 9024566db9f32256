'use client'

export function ShiftRoster() {
  return null
}
