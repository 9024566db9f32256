'use client'

import { useRouter } from 'next/navigation'
import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'

import { callApi } from './callApi'
import { FormMessages } from './FormMessages'

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const

export type AvailabilityView = {
  id: number | null
  weekly: Array<{ day: string; from: string; to: string }>
  dates: Array<{ kind: 'available' | 'unavailable'; from: string; to: string; note: string }>
  interestedRoles: number[]
  notes: string
}

type WeeklyRow = AvailabilityView['weekly'][number] & { key: number }
type DatesRow = AvailabilityView['dates'][number] & { key: number }

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-2 py-1.5 text-slate-900'
const smallButton = 'rounded border border-slate-400 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100'

/**
 * When the member can help: the hours they are usually free each week, dates they can or
 * cannot, the roles that interest them and a note. Coordinators see it when filling shifts.
 * The first save creates the member's record; later saves change it.
 */
export function AvailabilityForm({ initial, roleChoices }: { initial: AvailabilityView; roleChoices: Array<{ id: number; name: string }> }) {
  const router = useRouter()
  const prefix = useId()
  const [id, setId] = useState(initial.id)
  // row keys (and so the fields' ids) are the same in the server's HTML and in the browser
  const lastKey = useRef(initial.weekly.length + initial.dates.length)
  const [weekly, setWeekly] = useState<WeeklyRow[]>(() => initial.weekly.map((row, i) => ({ ...row, key: i })))
  const [dates, setDates] = useState<DatesRow[]>(() => initial.dates.map((row, i) => ({ ...row, key: initial.weekly.length + i })))
  const [interested, setInterested] = useState<number[]>(initial.interestedRoles)
  const [notes, setNotes] = useState(initial.notes)
  const [focusId, setFocusId] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  // a row just added takes the keyboard focus, so it can be filled in straight away
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus()
  }, [focusId])

  const fieldId = (kind: string, key: number, field: string) => `${prefix}-${kind}-${key}-${field}`

  function addWeekly() {
    const key = ++lastKey.current
    setWeekly((rows) => [...rows, { key, day: 'sat', from: '09:00', to: '17:00' }])
    setFocusId(fieldId('weekly', key, 'day'))
  }

  function addDates() {
    const key = ++lastKey.current
    setDates((rows) => [...rows, { key, kind: 'unavailable', from: '', to: '', note: '' }])
    setFocusId(fieldId('dates', key, 'kind'))
  }

  const changeWeekly = (key: number, change: Partial<WeeklyRow>) => setWeekly((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)))
  const changeDates = (key: number, change: Partial<DatesRow>) => setDates((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)))

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(null)
    setDone(null)
    const data = {
      weekly: weekly.map(({ day, from, to }) => ({ day, from, to })),
      dates: dates.map(({ kind, from, to, note }) => ({ kind, from, to, note: note.trim() || null })),
      interestedRoles: interested,
      notes: notes.trim() || null,
    }
    setPending(true)
    const outcome = id === null ? await callApi('/api/availability?depth=0', { method: 'POST', json: data }) : await callApi(`/api/availability/${id}?depth=0`, { method: 'PATCH', json: data })
    setPending(false)
    if (!outcome.ok) {
      setError(outcome.message)
      return
    }
    const doc = outcome.body.doc as { id?: number } | undefined
    if (id === null && typeof doc?.id === 'number') setId(doc.id)
    setDone('Your availability is saved.')
    router.refresh()
  }

  return (
    <form onSubmit={save} className="mt-4 space-y-6">
      <fieldset>
        <legend className="font-semibold">Usually free each week</legend>
        <p className="text-sm text-slate-600">UK time. Leave this empty if your week varies.</p>
        {weekly.length === 0 && <p className="mt-2 text-slate-700">No weekly times yet.</p>}
        <ul className="mt-2 space-y-2">
          {weekly.map((row, index) => (
            <li key={row.key}>
              <fieldset className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3">
                <legend className="sr-only">Weekly time {index + 1}</legend>
                <div>
                  <label htmlFor={fieldId('weekly', row.key, 'day')} className="block text-sm font-medium">
                    Day
                  </label>
                  <select id={fieldId('weekly', row.key, 'day')} value={row.day} onChange={(e) => changeWeekly(row.key, { day: e.target.value })} className={inputClass}>
                    {DAYS.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={fieldId('weekly', row.key, 'from')} className="block text-sm font-medium">
                    From
                  </label>
                  <input
                    id={fieldId('weekly', row.key, 'from')}
                    type="time"
                    required
                    value={row.from}
                    onChange={(e) => changeWeekly(row.key, { from: e.target.value })}
                    className={inputClass}
                  />
                </div>
                <div>
                  <label htmlFor={fieldId('weekly', row.key, 'to')} className="block text-sm font-medium">
                    To
                  </label>
                  <input
                    id={fieldId('weekly', row.key, 'to')}
                    type="time"
                    required
                    value={row.to}
                    onChange={(e) => changeWeekly(row.key, { to: e.target.value })}
                    className={inputClass}
                  />
                </div>
                <button type="button" onClick={() => setWeekly((rows) => rows.filter((r) => r.key !== row.key))} className={smallButton} aria-label={`Remove weekly time ${index + 1}`}>
                  Remove
                </button>
              </fieldset>
            </li>
          ))}
        </ul>
        <button type="button" onClick={addWeekly} className={`mt-2 ${smallButton}`}>
          Add a weekly time
        </button>
      </fieldset>

      <fieldset>
        <legend className="font-semibold">Dates</legend>
        <p className="text-sm text-slate-600">Days you can help outside your usual times, or days you are away.</p>
        {dates.length === 0 && <p className="mt-2 text-slate-700">No dates yet.</p>}
        <ul className="mt-2 space-y-2">
          {dates.map((row, index) => (
            <li key={row.key}>
              <fieldset className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3">
                <legend className="sr-only">Dates {index + 1}</legend>
                <div>
                  <label htmlFor={fieldId('dates', row.key, 'kind')} className="block text-sm font-medium">
                    On these days
                  </label>
                  <select
                    id={fieldId('dates', row.key, 'kind')}
                    value={row.kind}
                    onChange={(e) => changeDates(row.key, { kind: e.target.value as DatesRow['kind'] })}
                    className={inputClass}
                  >
                    <option value="available">I can help</option>
                    <option value="unavailable">I cannot help</option>
                  </select>
                </div>
                <div>
                  <label htmlFor={fieldId('dates', row.key, 'from')} className="block text-sm font-medium">
                    First day
                  </label>
                  <input
                    id={fieldId('dates', row.key, 'from')}
                    type="date"
                    required
                    value={row.from}
                    onChange={(e) => changeDates(row.key, { from: e.target.value, to: row.to || e.target.value })}
                    className={inputClass}
                  />
                </div>
                <div>
                  <label htmlFor={fieldId('dates', row.key, 'to')} className="block text-sm font-medium">
                    Last day
                  </label>
                  <input
                    id={fieldId('dates', row.key, 'to')}
                    type="date"
                    required
                    min={row.from || undefined}
                    value={row.to}
                    onChange={(e) => changeDates(row.key, { to: e.target.value })}
                    className={inputClass}
                  />
                </div>
                <div className="grow">
                  <label htmlFor={fieldId('dates', row.key, 'note')} className="block text-sm font-medium">
                    Note <span className="font-normal text-slate-600">(optional)</span>
                  </label>
                  <input
                    id={fieldId('dates', row.key, 'note')}
                    type="text"
                    maxLength={200}
                    value={row.note}
                    onChange={(e) => changeDates(row.key, { note: e.target.value })}
                    className={inputClass}
                  />
                </div>
                <button type="button" onClick={() => setDates((rows) => rows.filter((r) => r.key !== row.key))} className={smallButton} aria-label={`Remove dates ${index + 1}`}>
                  Remove
                </button>
              </fieldset>
            </li>
          ))}
        </ul>
        <button type="button" onClick={addDates} className={`mt-2 ${smallButton}`}>
          Add dates
        </button>
      </fieldset>

      <fieldset>
        <legend className="font-semibold">Roles I am interested in</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {roleChoices.map((role) => (
            <label key={role.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                className="h-4 w-4"
                checked={interested.includes(role.id)}
                onChange={(e) => setInterested((ids) => (e.target.checked ? [...ids, role.id] : ids.filter((x) => x !== role.id)))}
              />
              {role.name}
            </label>
          ))}
        </div>
      </fieldset>

      <div>
        <label htmlFor={`${prefix}-notes`} className="block font-semibold">
          Anything else the coordinators should know <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <textarea id={`${prefix}-notes`} rows={3} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} className={inputClass} />
      </div>

      <FormMessages error={error} done={done} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save availability'}
      </button>
    </form>
  )
}
