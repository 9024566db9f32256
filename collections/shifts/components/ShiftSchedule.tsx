'use client'

import { addWeeks } from 'date-fns/addWeeks'
import { useEffect, useState } from 'react'

import type { Shift, VolunteerRole } from '@payload-types'

const WEEK_CHOICES = [1, 2, 4, 8] as const
const LIMIT = 500
const TIME_ZONE = 'Europe/London'

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: TIME_ZONE })
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE })

/** "Sat 5 Dec", assembled from parts so it does not depend on the browser's punctuation. */
function dayLabel(at: Date): string {
  const parts = Object.fromEntries(dayFormat.formatToParts(at).map((p) => [p.type, p.value]))
  return `${parts.weekday} ${parts.day} ${parts.month}`
}

/** "Sat 5 Dec 09:00–13:00", or both days when the shift runs past midnight (airport time). */
export function shiftWhen(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  const startDay = dayLabel(start)
  const endDay = dayLabel(end)
  return startDay === endDay ? `${startDay} ${timeFormat.format(start)}–${timeFormat.format(end)}` : `${startDay} ${timeFormat.format(start)} – ${endDay} ${timeFormat.format(end)}`
}

const placesWords = (n: number) => `${n} ${n === 1 ? 'place' : 'places'} to fill`

type Row = { shift: Shift; filled: number; open: number }
type Group = { key: string; name: string; rows: Row[]; open: number; short: number }

function rowOf(shift: Shift): Row {
  const filled = (shift.assigned ?? []).length
  return { shift, filled, open: shift.openPlaces ?? Math.max(0, shift.peopleNeeded - filled) }
}

/** One section per role, by role name, each keeping the shifts in start order. */
function byRole(shifts: Shift[]): Group[] {
  const groups = new Map<string, Group>()
  for (const shift of shifts) {
    const role = shift.role as VolunteerRole | number
    const key = String(typeof role === 'object' ? role.id : role)
    const name = typeof role === 'object' ? role.name : `Role ${role}`
    const group = groups.get(key) ?? { key, name, rows: [], open: 0, short: 0 }
    const row = rowOf(shift)
    group.rows.push(row)
    group.open += row.open
    if (row.open > 0) group.short += 1
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name))
}

function summaryOf(group: Group): string {
  const shifts = `${group.rows.length} ${group.rows.length === 1 ? 'shift' : 'shifts'}`
  if (group.open === 0) return `${shifts}, all filled`
  return `${shifts}, ${placesWords(group.open)}`
}

const badge = (tone: 'error' | 'warning' | 'success') => ({
  display: 'inline-block',
  padding: '2px 8px',
  borderRadius: 10,
  fontWeight: 600,
  whiteSpace: 'nowrap' as const,
  background: `var(--theme-${tone}-150)`,
  color: `var(--theme-${tone}-800)`,
})

/** Nobody on it yet is the most urgent gap; some places left is the next. */
function Gap({ row }: { row: Row }) {
  if (row.open === 0) return <span style={badge('success')}>Full</span>
  if (row.filled === 0) return <span style={badge('error')}>{placesWords(row.open)}, nobody yet</span>
  return <span style={badge('warning')}>{placesWords(row.open)}</span>
}

/**
 * Above the shifts list: the coming weeks by role, with each shift's places still to fill, so a
 * coordinator sees the gaps at a glance. Reads GET /api/shifts (role populated).
 */
export function ShiftSchedule() {
  const [weeks, setWeeks] = useState<number>(4)
  const [gapsOnly, setGapsOnly] = useState(false)
  const [state, setState] = useState<{ shifts?: Shift[]; more?: boolean; error?: string; loading?: boolean }>({ loading: true })

  useEffect(() => {
    let cancelled = false
    const now = new Date()
    const query = new URLSearchParams({
      'where[startsAt][greater_than_equal]': now.toISOString(),
      'where[startsAt][less_than]': addWeeks(now, weeks).toISOString(),
      sort: 'startsAt',
      depth: '1',
      limit: String(LIMIT),
    })
    fetch(`/api/shifts?${query}`, { credentials: 'include' })
      .then(async (res) => {
        const body = await res.json().catch(() => ({}))
        if (cancelled) return
        if (res.ok) setState({ shifts: body.docs as Shift[], more: Boolean(body.hasNextPage) })
        else setState({ error: body.errors?.[0]?.message ?? `The schedule could not be loaded (${res.status}).` })
      })
      .catch(() => !cancelled && setState({ error: 'The schedule could not be loaded.' }))
    return () => {
      cancelled = true
    }
  }, [weeks])

  const groups = byRole(state.shifts ?? [])
  const open = groups.reduce((sum, g) => sum + g.open, 0)
  const short = groups.reduce((sum, g) => sum + g.short, 0)
  // the role's summary counts all its shifts, even when only those with gaps are listed
  const shown = groups.map((g) => ({ ...g, summary: summaryOf(g), rows: gapsOnly ? g.rows.filter((r) => r.open > 0) : g.rows })).filter((g) => g.rows.length > 0)

  return (
    <section aria-labelledby="shift-schedule" style={{ marginBottom: 32 }} data-testid="shift-schedule" data-hangar-component="ShiftSchedule">
      <h2 id="shift-schedule" style={{ marginBottom: 8 }}>
        Coming up
      </h2>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center', marginBottom: 12 }}>
        <label>
          Shifts starting in the next{' '}
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} aria-label="Weeks ahead">
            {WEEK_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>{' '}
          {weeks === 1 ? 'week' : 'weeks'} (UK time)
        </label>
        <label>
          <input type="checkbox" checked={gapsOnly} onChange={(e) => setGapsOnly(e.target.checked)} /> Only shifts with places to fill
        </label>
      </div>
      {state.error && (
        <p role="alert" style={{ color: 'var(--theme-error-750)' }}>
          {state.error}
        </p>
      )}
      {state.loading && <p>Loading the schedule…</p>}
      {state.shifts && (
        <p role="status" style={{ marginBottom: 12 }}>
          {state.shifts.length === 0
            ? `No shifts start in the next ${weeks === 1 ? 'week' : `${weeks} weeks`}.`
            : `${state.shifts.length} ${state.shifts.length === 1 ? 'shift' : 'shifts'}; ${open === 0 ? 'every place is filled' : `${open} ${open === 1 ? 'place' : 'places'} to fill on ${short} ${short === 1 ? 'shift' : 'shifts'}`}.`}
          {state.more && ` Only the first ${LIMIT} shifts are shown; choose fewer weeks to see them all.`}
        </p>
      )}
      {state.shifts && state.shifts.length > 0 && shown.length === 0 && <p>Every shift in that time is full.</p>}
      {shown.map((group) => (
        <section key={group.key} aria-labelledby={`shift-schedule-role-${group.key}`} style={{ marginBottom: 20 }}>
          <h3 id={`shift-schedule-role-${group.key}`} style={{ marginBottom: 4 }}>
            {group.name}
          </h3>
          <p style={{ marginBottom: 8, fontWeight: group.open > 0 ? 600 : undefined }}>{group.summary}</p>
          <table className="table" style={{ width: '100%' }}>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'left', color: 'var(--theme-elevation-800)' }}>
                  When
                </th>
                <th scope="col" style={{ textAlign: 'left', color: 'var(--theme-elevation-800)' }}>
                  Location
                </th>
                <th scope="col" style={{ textAlign: 'left', color: 'var(--theme-elevation-800)' }}>
                  People
                </th>
                <th scope="col" style={{ textAlign: 'left', color: 'var(--theme-elevation-800)' }}>
                  Places
                </th>
              </tr>
            </thead>
            <tbody>
              {group.rows.map((row) => (
                <tr key={row.shift.id}>
                  <td style={{ borderLeft: `4px solid ${row.open === 0 ? 'transparent' : `var(--theme-${row.filled === 0 ? 'error' : 'warning'}-600)`}`, paddingLeft: 12 }}>
                    <a href={`/admin/collections/shifts/${row.shift.id}`}>{shiftWhen(row.shift.startsAt, row.shift.endsAt)}</a>
                  </td>
                  <td>{row.shift.location || '—'}</td>
                  <td>
                    {row.filled} of {row.shift.peopleNeeded}
                  </td>
                  <td>
                    <Gap row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  )
}
