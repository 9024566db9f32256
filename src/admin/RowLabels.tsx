'use client'

import { useRowLabel } from '@payloadcms/ui'

import type { QuestionEntry } from '@/admin/describe'
import { describeDateRange, describeQuestion, describeWeeklySlot } from '@/admin/describe'

/** An event's RSVP question in words instead of "Question 01". */
export function QuestionRowLabel() {
  const { data, rowNumber } = useRowLabel<QuestionEntry>()
  return <span data-hangar-component="QuestionRowLabel">{describeQuestion(data ?? {}, rowNumber)}</span>
}

/** A weekly slot of someone's availability: "Monday 09:00–17:00". */
export function WeeklySlotRowLabel() {
  const { data, rowNumber } = useRowLabel<{ day?: string; from?: string; to?: string }>()
  return <span data-hangar-component="WeeklySlotRowLabel">{describeWeeklySlot(data ?? {}, rowNumber)}</span>
}

/** Dates someone can or cannot help: "Cannot help 3 Dec 2026 – 5 Dec 2026". */
export function DateRangeRowLabel() {
  const { data, rowNumber } = useRowLabel<{ kind?: string; from?: string; to?: string; note?: string }>()
  return <span data-hangar-component="DateRangeRowLabel">{describeDateRange(data ?? {}, rowNumber)}</span>
}
