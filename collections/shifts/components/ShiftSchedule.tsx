'use client'

export function ShiftSchedule() {
  return null
}
