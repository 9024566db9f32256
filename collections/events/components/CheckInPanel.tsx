'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

type Row = { id: number; guests: number; checkedInAt: string | null; member: { firstName: string; lastName: string; email: string } }

/** Everyone going to the event, by surname, read a page of 100 at a time (the API's largest page). */
async function goingTo(id: number | string): Promise<Row[]> {
  const rows: Row[] = []
  for (let page = 1; ; page++) {
    const res = await fetch(`/api/rsvps?where[event][equals]=${id}&where[status][equals]=going&limit=100&page=${page}&depth=1`, { credentials: 'include' })
    if (!res.ok) break
    const body = (await res.json()) as { docs: Row[]; hasNextPage: boolean }
    rows.push(...body.docs)
    if (!body.hasNextPage) break
  }
  return rows.sort((a, b) => a.member.lastName.localeCompare(b.member.lastName))
}

/**
 * Check-in at the door, on the event's page in the admin panel: the people going, a search,
 * one click per person, and a field for the code from a member's QR ticket (a scanner types it).
 */
export function CheckInPanel() {
  const { id } = useDocumentInfo()
  const [rows, setRows] = useState<Row[] | null>(null)
  const [search, setSearch] = useState('')
  const [ticket, setTicket] = useState('')
  const [message, setMessage] = useState<string | null>(null)

  const load = useCallback(() => {
    if (id) void goingTo(id).then(setRows)
  }, [id])

  useEffect(() => {
    let cancelled = false
    if (id) void goingTo(id).then((found) => !cancelled && setRows(found))
    return () => {
      cancelled = true
    }
  }, [id])

  async function checkIn(body: { rsvp?: number; token?: string }) {
    const res = await fetch('/api/rsvps/check-in', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    const json = await res.json().catch(() => ({}))
    setMessage(res.ok ? json.message : (json.errors?.[0]?.message ?? `Check-in failed (${res.status}).`))
    load()
  }

  if (!id) return null
  const shown = (rows ?? []).filter((r) => `${r.member.firstName} ${r.member.lastName} ${r.member.email}`.toLowerCase().includes(search.toLowerCase()))
  const arrived = (rows ?? []).filter((r) => r.checkedInAt).length
  return (
    <section style={{ marginTop: 24 }} aria-labelledby="check-in">
      <h3 id="check-in">
        Check-in ({arrived} of {rows?.length ?? 0} arrived)
      </h3>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (ticket.trim()) void checkIn({ token: ticket.trim() }).then(() => setTicket(''))
        }}
        style={{ display: 'flex', gap: 8, margin: '8px 0' }}
      >
        <label htmlFor="ticket-code">Ticket code (scan the QR code)</label>
        <input id="ticket-code" value={ticket} onChange={(e) => setTicket(e.target.value)} autoComplete="off" />
        <Button type="submit" size="small" buttonStyle="secondary">
          Check in ticket
        </Button>
      </form>
      {message && <p role="status">{message}</p>}
      <label htmlFor="check-in-search">Search</label>{' '}
      <input id="check-in-search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or email" />
      <table className="table" style={{ width: '100%', marginTop: 8 }}>
        <tbody>
          {shown.map((row) => (
            <tr key={row.id}>
              <td>
                {row.member.firstName} {row.member.lastName}
                {row.guests ? ` +${row.guests}` : ''}
              </td>
              <td>{row.member.email}</td>
              <td>
                {row.checkedInAt ? (
                  <span>Arrived {new Date(row.checkedInAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}</span>
                ) : (
                  <Button size="small" buttonStyle="primary" onClick={() => void checkIn({ rsvp: row.id })} aria-label={`Check in ${row.member.firstName} ${row.member.lastName}`}>
                    Check in
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
