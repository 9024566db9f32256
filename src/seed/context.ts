/**
 * What the parts of the demo seed share: the Payload instance, the report, "now" (every demo
 * date is relative to it, so the demo never goes stale), the people and the tiers.
 */
import { UTCDate } from '@date-fns/utc'
import { addDays } from 'date-fns/addDays'
import { setHours } from 'date-fns/setHours'
import { startOfHour } from 'date-fns/startOfHour'
import type { Payload } from 'payload'

import type { Notice, Tier, User } from '@payload-types'

export type SeedReport = { created: string[]; skipped: string[] }

export type DemoTiers = { personal: Tier; owners: Tier; corporate: Tier }

export type DemoContext = {
  payload: Payload
  report: SeedReport
  now: Date
  tiers: DemoTiers
  /** Everyone the demo created, by their key in DEMO_PEOPLE (or the demo account's role). */
  people: Record<string, User>
}

/** `days` from now (negative: ago) at `hour`:`minute` UTC. */
export function dayAt(now: Date, days: number, hour: number, minute = 0): Date {
  const at = startOfHour(setHours(addDays(new UTCDate(now.getTime()), days), hour))
  return new Date(at.getTime() + minute * 60_000)
}

/** `days` from now (negative: ago), at the same time of day as now. */
export const daysFromNow = (now: Date, days: number): Date => new Date(addDays(new UTCDate(now.getTime()), days).getTime())

/** Rich text (Lexical's stored form) of plain paragraphs, for event descriptions and notices. */
export function paragraphs(...texts: string[]): Notice['body'] {
  const node = { direction: 'ltr' as const, format: '' as const, indent: 0, version: 1 }
  return {
    root: {
      ...node,
      type: 'root',
      children: texts.map((text) => ({ ...node, type: 'paragraph', textFormat: 0, textStyle: '', children: [{ type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' }] })),
    },
  }
}
