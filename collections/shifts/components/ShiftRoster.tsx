'use client'

import { Button, useAuth, useDocumentInfo, useForm } from '@payloadcms/ui'
import type { KeyboardEvent } from 'react'
import { useCallback, useEffect, useState } from 'react'

import type { Shift, User } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import type { Candidate } from '@/volunteering/roster'

type Assigned = NonNullable<Shift['assigned']>[number]
type Filters = { eligible: boolean; available: boolean }
type Message = { kind: 'status' | 'alert'; text: string }

const VIA_WORDS: Record<string, string> = { signup: 'Signed up', coordinator: 'Assigned by a coordinator' }
const AVAILABILITY_WORDS: Record<Candidate['availability']['answer'], { text: string; tone: 'success' | 'error' | 'elevation' }> = {
  available: { text: 'Available', tone: 'success' },
  unavailable: { text: 'Not available', tone: 'error' },
  unknown: { text: 'Not known', tone: 'elevation' },
}

const tag = (tone: 'success' | 'error' | 'warning' | 'elevation') => ({
  display: 'inline-block',
  padding: '1px 8px',
  borderRadius: 10,
  fontWeight: 600,
  whiteSpace: 'nowrap' as const,
  background: `var(--theme-${tone}-150)`,
  color: `var(--theme-${tone}-800)`,
})

const cell = { padding: '6px 8px', verticalAlign: 'top' as const, textAlign: 'left' as const }
// column headers in the body text colour (Payload's table headers are too light to read)
const header = { ...cell, color: 'var(--theme-elevation-800)' }

const errorOf = async (res: Response, fallback: string) => {
  const body = (await res.json().catch(() => null)) as { errors?: { message: string }[] } | null
  return body?.errors?.[0]?.message ?? `${fallback} (${res.status}).`
}

function memberOf(row: Assigned): { id: number; name: string; email: string } {
  const member = row.member as User | number
  if (typeof member !== 'object') return { id: member, name: `Member ${member}`, email: '' }
  return { id: member.id, name: `${member.firstName ?? ''} ${member.lastName ?? ''}`.trim() || member.email, email: member.email }
}

async function loadShift(id: number | string): Promise<Shift> {
  const res = await fetch(`/api/shifts/${id}?depth=1`, { credentials: 'include' })
  if (!res.ok) throw new Error(await errorOf(res, 'The shift could not be loaded'))
  return (await res.json()) as Shift
}

async function loadCandidates(id: number | string, filters: Filters): Promise<Candidate[]> {
  const query = new URLSearchParams()
  if (filters.eligible) query.set('eligible', 'true')
  if (filters.available) query.set('available', 'true')
  const res = await fetch(`/api/shifts/${id}/candidates${query.toString() ? `?${query}` : ''}`, { credentials: 'include' })
  if (!res.ok) throw new Error(await errorOf(res, 'The candidates could not be loaded'))
  return ((await res.json()) as { candidates: Candidate[] }).candidates
}

/**
 * On a shift's page in the admin panel: who is on it (attendance and hours once it has begun)
 * and the role's volunteers to fill it from, through the roster endpoints, which check places,
 * eligibility and overlaps again. Nothing here is saved with the form.
 */
export function ShiftRoster() {
  const { id, lastUpdateTime } = useDocumentInfo()
  const { user } = useAuth()
  const { dispatchFields } = useForm()
  const coordinator = Boolean(user) && reachesAll('shifts', user as Actor, 'update')

  const [loaded, setLoaded] = useState<{ shift: Shift; started: boolean } | null>(null)
  const [candidates, setCandidates] = useState<Candidate[] | null>(null)
  const [filters, setFilters] = useState<Filters>({ eligible: true, available: false })
  const [hours, setHours] = useState<Record<number, string>>({})
  // the box shows the click at once; the next load replaces it with what the server recorded
  const [ticked, setTicked] = useState<Record<number, boolean>>({})
  const [message, setMessage] = useState<Message | null>(null)
  const [busy, setBusy] = useState(false)
  // bumped after each action, and when the form is saved (lastUpdateTime), to load everything again
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let cancelled = false
    if (!id) return
    loadShift(id)
      .then((found) => {
        if (cancelled) return
        setLoaded({ shift: found, started: new Date(found.startsAt).getTime() <= Date.now() })
        setTicked({})
        setHours(Object.fromEntries((found.assigned ?? []).map((row) => [memberOf(row).id, row.attended && row.hours != null ? String(row.hours) : ''])))
        // keep the read-only "Places left" field beside the roster in step without marking the form changed
        dispatchFields({ type: 'UPDATE', path: 'openPlaces', value: found.openPlaces, initialValue: found.openPlaces })
      })
      .catch((error: Error) => !cancelled && setMessage({ kind: 'alert', text: error.message }))
    return () => {
      cancelled = true
    }
  }, [id, version, lastUpdateTime, dispatchFields])

  useEffect(() => {
    let cancelled = false
    if (!id || !coordinator) return
    loadCandidates(id, filters)
      .then((found) => !cancelled && setCandidates(found))
      .catch((error: Error) => !cancelled && setMessage({ kind: 'alert', text: error.message }))
    return () => {
      cancelled = true
    }
  }, [id, coordinator, filters, version, lastUpdateTime])

  const act = useCallback(
    async (action: 'assign' | 'remove' | 'attendance', body: Record<string, unknown>) => {
      setBusy(true)
      setMessage(null)
      try {
        const res = await fetch(`/api/shifts/${id}/${action}`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
        if (res.ok) {
          const json = (await res.json().catch(() => ({}))) as { message?: string }
          setMessage({ kind: 'status', text: json.message ?? 'Done.' })
        } else setMessage({ kind: 'alert', text: await errorOf(res, 'That did not work') })
      } catch {
        setMessage({ kind: 'alert', text: 'The server could not be reached; try again.' })
      } finally {
        setBusy(false)
        setVersion((v) => v + 1)
      }
    },
    [id],
  )

  if (!id) return null

  const shift = loaded?.shift
  const started = Boolean(loaded?.started)
  const assigned = shift?.assigned ?? []
  const full = shift ? assigned.length >= shift.peopleNeeded : false
  const roleName = shift && typeof shift.role === 'object' ? shift.role.name : 'shift\'s'

  function saveHours(member: { id: number; name: string }) {
    const text = (hours[member.id] ?? '').trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value) || value < 0 || value > 24) {
      setMessage({ kind: 'alert', text: `Hours for ${member.name}: a number from 0 to 24.` })
      return
    }
    void act('attendance', { member: member.id, attended: true, hours: value })
  }

  function attendance(member: { id: number; name: string }, attended: boolean) {
    const text = (hours[member.id] ?? '').trim()
    // left empty, the server credits the length of the shift
    const value = attended && text !== '' ? Number(text) : undefined
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 24)) {
      setMessage({ kind: 'alert', text: `Hours for ${member.name}: a number from 0 to 24.` })
      return
    }
    setTicked((t) => ({ ...t, [member.id]: attended }))
    void act('attendance', { member: member.id, attended, ...(value !== undefined ? { hours: value } : {}) })
  }

  function remove(member: { id: number; name: string }) {
    if (started && !window.confirm(`Remove ${member.name}? Nobody can be added once a shift has started, so they cannot be put back.`)) return
    void act('remove', { member: member.id })
  }

  // Enter in a field here would otherwise submit the whole shift form
  const onHoursKey = (member: { id: number; name: string }) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    saveHours(member)
  }

  return (
    <section aria-labelledby="shift-roster" style={{ margin: '24px 0' }} data-testid="shift-roster" data-hangar-component="ShiftRoster">
      <h3 id="shift-roster" style={{ marginBottom: 8 }}>
        On this shift{shift ? ` (${assigned.length} of ${shift.peopleNeeded})` : ''}
      </h3>
      <p role="status" style={{ color: 'var(--theme-success-750)', minHeight: '1em', margin: '0 0 8px' }}>
        {message?.kind === 'status' ? message.text : ''}
      </p>
      {message?.kind === 'alert' && (
        <p role="alert" style={{ color: 'var(--theme-error-750)', margin: '0 0 8px' }}>
          {message.text}
        </p>
      )}
      {!shift && !message && <p>Loading…</p>}
      {shift && assigned.length === 0 && <p>Nobody is on this shift yet.</p>}
      {shift && assigned.length > 0 && (
        <table className="table" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th scope="col" style={header}>
                Volunteer
              </th>
              <th scope="col" style={header}>
                How
              </th>
              {started && (
                <th scope="col" style={header}>
                  Attended
                </th>
              )}
              {started && (
                <th scope="col" style={header}>
                  Hours
                </th>
              )}
              {coordinator && (
                <th scope="col" style={header}>
                  <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {assigned.map((row) => {
              const member = memberOf(row)
              return (
                <tr key={row.id ?? member.id}>
                  <td style={cell}>
                    <div style={{ fontWeight: 600 }}>{member.name}</div>
                    {member.email && <div>{member.email}</div>}
                  </td>
                  <td style={cell}>{VIA_WORDS[row.via ?? ''] ?? '—'}</td>
                  {started && (
                    <td style={cell}>
                      <label>
                        <input type="checkbox" checked={ticked[member.id] ?? Boolean(row.attended)} disabled={!coordinator || busy} onChange={(e) => attendance(member, e.target.checked)} aria-label={`${member.name} attended`} />{' '}
                        {(ticked[member.id] ?? row.attended) ? 'Yes' : 'No'}
                      </label>
                    </td>
                  )}
                  {started && (
                    <td style={cell}>
                      <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                        <input
                          type="number"
                          min={0}
                          max={24}
                          step={0.25}
                          inputMode="decimal"
                          value={hours[member.id] ?? ''}
                          placeholder={row.attended ? '' : 'shift length'}
                          onChange={(e) => setHours((h) => ({ ...h, [member.id]: e.target.value }))}
                          onKeyDown={onHoursKey(member)}
                          disabled={!coordinator || busy}
                          aria-label={`Hours for ${member.name}`}
                          style={{ width: 90 }}
                        />
                        {coordinator && (
                          <Button size="small" buttonStyle="secondary" margin={false} disabled={busy} onClick={() => saveHours(member)} aria-label={`Save hours for ${member.name}`}>
                            Save hours
                          </Button>
                        )}
                      </span>
                    </td>
                  )}
                  {coordinator && (
                    <td style={cell}>
                      <Button size="small" buttonStyle="secondary" margin={false} disabled={busy} onClick={() => remove(member)} aria-label={`Remove ${member.name} from this shift`}>
                        Remove
                      </Button>
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {started && coordinator && assigned.length > 0 && <p style={{ marginTop: 8 }}>Ticking Attended credits the length of the shift unless you enter the hours first.</p>}

      {coordinator && shift && (
        <section aria-labelledby="fill-shift" style={{ marginTop: 24 }}>
          <h3 id="fill-shift" style={{ marginBottom: 8 }}>
            Fill this shift
          </h3>
          {started ? (
            <p>This shift has started: nobody can be added now.</p>
          ) : (
            <>
              {full ? (
                <p>The shift is full: remove someone, or raise People needed and save, before assigning anyone else.</p>
              ) : (
                <p>
                  {shift.peopleNeeded - assigned.length} {shift.peopleNeeded - assigned.length === 1 ? 'place' : 'places'} to fill. Members with the {roleName} role, eligible and available first.
                </p>
              )}
              <div style={{ display: 'flex', gap: 16, margin: '8px 0' }}>
                <label>
                  <input type="checkbox" checked={filters.eligible} onChange={(e) => setFilters((f) => ({ ...f, eligible: e.target.checked }))} /> Eligible only
                </label>
                <label>
                  <input type="checkbox" checked={filters.available} onChange={(e) => setFilters((f) => ({ ...f, available: e.target.checked }))} /> Available only
                </label>
              </div>
              {candidates && candidates.length === 0 && (
                <p>
                  {filters.eligible || filters.available
                    ? 'Nobody matches these filters. Untick them to see everyone who holds the role.'
                    : 'Nobody holds this role yet: give members the role under Role assignments.'}
                </p>
              )}
              {candidates && candidates.length > 0 && (
                <table className="table" style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="shift-candidates">
                  <thead>
                    <tr>
                      <th scope="col" style={header}>
                        Volunteer
                      </th>
                      <th scope="col" style={header}>
                        Availability
                      </th>
                      <th scope="col" style={header}>
                        Eligibility
                      </th>
                      <th scope="col" style={header}>
                        <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {candidates.map((c) => {
                      const availability = AVAILABILITY_WORDS[c.availability.answer]
                      return (
                        <tr key={c.member.id}>
                          <td style={cell}>
                            <div style={{ fontWeight: 600 }}>
                              {c.member.name}
                              {c.interested && (
                                <>
                                  {' '}
                                  <span style={tag('success')}>Interested in this role</span>
                                </>
                              )}
                            </div>
                            <div>{c.member.email}</div>
                          </td>
                          <td style={cell}>
                            <span style={tag(availability.tone)}>{availability.text}</span>
                            <div>{c.availability.reason}</div>
                          </td>
                          <td style={cell}>
                            {c.eligible ? (
                              'Eligible'
                            ) : (
                              <>
                                <span style={tag('warning')}>Not eligible</span>
                                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                                  {c.problems.map((p) => (
                                    <li key={p}>{p}</li>
                                  ))}
                                </ul>
                              </>
                            )}
                          </td>
                          <td style={cell}>
                            {c.onShift ? (
                              'On this shift'
                            ) : c.eligible && !full ? (
                              <Button size="small" buttonStyle="primary" margin={false} disabled={busy} onClick={() => void act('assign', { member: c.member.id })} aria-label={`Assign ${c.member.name} to this shift`}>
                                Assign
                              </Button>
                            ) : null}
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              )}
            </>
          )}
        </section>
      )}
    </section>
  )
}
