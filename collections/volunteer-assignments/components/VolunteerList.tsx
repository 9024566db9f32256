'use client'

import { useEffect, useState } from 'react'

import type { VolunteerRow } from '@/volunteering/summary'

const hoursFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })

const tag = (tone: 'success' | 'error' | 'warning') => ({
  display: 'inline-block',
  padding: '1px 8px',
  borderRadius: 10,
  fontWeight: 600,
  background: `var(--theme-${tone}-150)`,
  color: `var(--theme-${tone}-800)`,
})

const cell = { padding: '6px 8px', verticalAlign: 'top' as const, textAlign: 'left' as const }
// column headers in the body text colour (Payload's table headers are too light to read)
const header = { ...cell, color: 'var(--theme-elevation-800)' }

/** A flag that says the role is no longer covered is worse than one that warns of an expiry to come. */
const toneOf = (flag: string) => (flag === 'OK' ? 'success' : flag.startsWith('Not covered') || flag.startsWith('Certificate expired') ? 'error' : 'warning')

const matches = (row: VolunteerRow, search: string) =>
  [row.member.name, row.member.email, ...row.roles.map((r) => r.name)].some((text) => text.toLowerCase().includes(search))

/**
 * Above the role assignments: each volunteer once, with their roles and what their certificates
 * say about each, and the hours they have given. Reads GET /api/volunteer-assignments/volunteers.
 */
export function VolunteerList() {
  const [state, setState] = useState<{ volunteers?: VolunteerRow[]; error?: string }>({})
  const [search, setSearch] = useState('')
  const [attentionOnly, setAttentionOnly] = useState(false)

  useEffect(() => {
    let cancelled = false
    fetch('/api/volunteer-assignments/volunteers', { credentials: 'include' })
      .then(async (res) => {
        const body = await res.json().catch(() => ({}))
        if (!cancelled) setState(res.ok ? { volunteers: body.volunteers } : { error: body.errors?.[0]?.message ?? `The volunteer list could not be loaded (${res.status}).` })
      })
      .catch(() => !cancelled && setState({ error: 'The volunteer list could not be loaded.' }))
    return () => {
      cancelled = true
    }
  }, [])

  const all = state.volunteers ?? []
  const attention = all.filter((v) => v.certificates === 'attention').length
  const needle = search.trim().toLowerCase()
  const shown = all.filter((v) => (!attentionOnly || v.certificates === 'attention') && (!needle || matches(v, needle)))

  return (
    <section aria-labelledby="volunteer-list" style={{ marginBottom: 32 }} data-testid="volunteer-list" data-hangar-component="VolunteerList">
      <h2 id="volunteer-list" style={{ marginBottom: 8 }}>
        Volunteers
      </h2>
      {state.error && (
        <p role="alert" style={{ color: 'var(--theme-error-750)' }}>
          {state.error}
        </p>
      )}
      {!state.volunteers && !state.error && <p>Loading the volunteers…</p>}
      {state.volunteers && all.length === 0 && <p>Nobody holds a volunteer role yet. Add a role assignment to give a member a role.</p>}
      {all.length > 0 && (
        <>
          <p style={{ marginBottom: 12 }}>
            {all.length} {all.length === 1 ? 'volunteer' : 'volunteers'} with an active role
            {attention > 0 ? `; ${attention} ${attention === 1 ? 'needs' : 'need'} attention to certificates` : '; all certificates in order'}.
          </p>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center', marginBottom: 12 }}>
            <label htmlFor="volunteer-search">Search</label>
            <input id="volunteer-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, email or role" autoComplete="off" />
            <label>
              <input type="checkbox" checked={attentionOnly} onChange={(e) => setAttentionOnly(e.target.checked)} /> Only those needing attention
            </label>
          </div>
          <p role="status" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
            {needle || attentionOnly ? `${shown.length} of ${all.length} volunteers shown.` : ''}
          </p>
          {shown.length === 0 ? (
            <p>No volunteer matches{needle ? ` “${search.trim()}”` : ''}{attentionOnly ? ' among those needing attention' : ''}.</p>
          ) : (
            <table className="table" style={{ width: '100%', borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th scope="col" style={header}>
                    Volunteer
                  </th>
                  <th scope="col" style={header}>
                    Roles
                  </th>
                  <th scope="col" style={header}>
                    Certificates
                  </th>
                  <th scope="col" style={header}>
                    Hours
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((v) => (
                  <tr key={v.member.id}>
                    <td style={cell}>
                      <div style={{ fontWeight: 600 }}>
                        <a href={`/admin/collections/users/${v.member.id}`}>{v.member.name}</a>
                      </div>
                      <div>{v.member.email}</div>
                    </td>
                    <td style={cell}>
                      <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
                        {v.roles.map((role) => (
                          <li key={role.assignment} style={{ marginBottom: 4 }}>
                            <a href={`/admin/collections/volunteer-assignments/${role.assignment}`}>{role.name}</a>
                            {': '}
                            {role.flag === 'OK' ? 'certificates OK' : <span style={tag(toneOf(role.flag))}>{role.flag}</span>}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td style={cell}>{v.certificates === 'ok' ? <span style={tag('success')}>In order</span> : <span style={tag('warning')}>Needs attention</span>}</td>
                    <td style={cell}>
                      {hoursFormat.format(v.hours)} h
                      <div style={{ color: 'var(--theme-elevation-600)' }}>
                        {v.shifts} {v.shifts === 1 ? 'shift' : 'shifts'} attended
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}
