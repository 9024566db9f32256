'use client'

import { useEffect, useState } from 'react'

type Entry = {
  on: string
  step: string
  membership: { id: number; number: string | null; tier: string | null }
  member: { name: string; email: string }
}

const STEP_WORDS = (step: string) =>
  step === 'on-the-day' ? 'on the day it ends' : step.startsWith('before-') ? `${step.slice(7)} days before the end` : `${step.slice(6)} days after the end`

/** Above the reminder ledger: who will get which reminder on which day, from /api/reminders/preview. */
export function ReminderPreview() {
  const [days, setDays] = useState(30)
  const [state, setState] = useState<{ entries?: Entry[]; error?: string }>({})

  useEffect(() => {
    let cancelled = false
    fetch(`/api/reminders/preview?days=${days}`, { credentials: 'include' })
      .then(async (res) => {
        const body = await res.json()
        if (!cancelled) setState(res.ok ? { entries: body.entries } : { error: body.errors?.[0]?.message ?? 'The preview is not available.' })
      })
      .catch(() => !cancelled && setState({ error: 'The preview is not available.' }))
    return () => {
      cancelled = true
    }
  }, [days])

  return (
    <section aria-labelledby="reminder-preview" style={{ marginBottom: 32 }} data-hangar-component="ReminderPreview">
      <h2 id="reminder-preview" style={{ marginBottom: 8 }}>
        Coming up
      </h2>
      <label style={{ display: 'block', marginBottom: 12 }}>
        Reminders due in the next{' '}
        <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Days ahead">
          {[7, 14, 30, 60, 90].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>{' '}
        days (nothing is sent from here)
      </label>
      {state.error && <p role="alert">{state.error}</p>}
      {state.entries && state.entries.length === 0 && <p>No renewal reminders are due in that time.</p>}
      {state.entries && state.entries.length > 0 && (
        <table className="table" style={{ width: '100%' }} data-testid="reminder-preview">
          <thead>
            <tr>
              <th scope="col" style={{ color: 'var(--theme-elevation-800)' }}>Day</th>
              <th scope="col" style={{ color: 'var(--theme-elevation-800)' }}>Member</th>
              <th scope="col" style={{ color: 'var(--theme-elevation-800)' }}>Membership</th>
              <th scope="col" style={{ color: 'var(--theme-elevation-800)' }}>Reminder</th>
            </tr>
          </thead>
          <tbody>
            {state.entries.map((entry) => (
              <tr key={`${entry.on}-${entry.membership.id}`}>
                <td>{entry.on}</td>
                <td>
                  {entry.member.name} ({entry.member.email})
                </td>
                <td>
                  <a href={`/admin/collections/memberships/${entry.membership.id}`}>
                    {entry.membership.tier} {entry.membership.number ?? ''}
                  </a>
                </td>
                <td>{STEP_WORDS(entry.step)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
