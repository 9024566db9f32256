'use client'

export function VolunteerList() {
  return null
}
