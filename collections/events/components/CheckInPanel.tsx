'use client'

import { Banner, Button, TextInput, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState } from 'react'

type Row = { id: number; guests: number; checkedInAt: string | null; member: { firstName: string; lastName: string; email: string } }
type ApiRow = Omit<Row, 'member'> & { member: Row['member'] | null; guestName?: string | null; guestEmail?: string | null }

/** A guest (a visitor's registration, no account) is shown by their name and email, marked as a guest. */
const asRow = ({ guestName, guestEmail, ...row }: ApiRow): Row => ({
  ...row,
  member: row.member ?? { firstName: guestName ?? '', lastName: `${guestName ? '' : guestEmail ?? ''} (guest)`.trim(), email: guestEmail ?? '' },
})
/** What the person at the door is told: checked in, already in (a second scan of one ticket), or refused. */
type Outcome = { kind: 'checked-in' | 'already' | 'refused'; text: string }

const arrivalTime = (at: string) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })

/** Everyone going to the event, by surname, read a page of 100 at a time (the API's largest page). */
async function goingTo(id: number | string): Promise<Row[]> {
  const rows: Row[] = []
  for (let page = 1; ; page++) {
    const res = await fetch(`/api/rsvps?where[event][equals]=${id}&where[status][equals]=going&limit=100&page=${page}&depth=1`, { credentials: 'include' })
    if (!res.ok) break
    const body = (await res.json()) as { docs: ApiRow[]; hasNextPage: boolean }
    rows.push(...body.docs.map(asRow))
    if (!body.hasNextPage) break
  }
  return rows.sort((a, b) => a.member.lastName.localeCompare(b.member.lastName))
}

/** One check-in, by the RSVP's id (the list) or by the code in its QR ticket, told in words either way. */
async function checkInRequest(body: { event: number | string; rsvp?: number; token?: string }): Promise<Outcome> {
  try {
    const res = await fetch('/api/rsvps/check-in', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    const json = (await res.json().catch(() => ({}))) as {
      message?: string
      alreadyCheckedIn?: boolean
      rsvp?: { checkedInAt?: string | null }
      errors?: { message?: string }[]
    }
    if (!res.ok) return { kind: 'refused', text: json.errors?.[0]?.message ?? `Check-in failed (error ${res.status}). Try again.` }
    if (json.alreadyCheckedIn) {
      const at = json.rsvp?.checkedInAt ? ` They arrived at ${arrivalTime(json.rsvp.checkedInAt)}.` : ''
      return { kind: 'already', text: `${json.message ?? 'Already checked in.'}${at}` }
    }
    return { kind: 'checked-in', text: json.message ?? 'Checked in.' }
  } catch {
    return { kind: 'refused', text: 'Check-in failed: the server could not be reached. Check the connection and try again.' }
  }
}

/**
 * Check-in at the door, on the event's page in the admin panel: the people going, a search,
 * one click per person, and a field for the code from a member's QR ticket or membership card (a
 * scanner types it and presses Enter). This sits inside the document's own <form>, so it has none of its own:
 * Enter in the code field checks the ticket in rather than saving the event.
 */
export function CheckInPanel() {
  const { id } = useDocumentInfo()
  const [rows, setRows] = useState<Row[] | null>(null)
  const [search, setSearch] = useState('')
  const [ticket, setTicket] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const ticketField = useRef<HTMLInputElement>(null)

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
    if (!id) return
    setBusy(true)
    const result = await checkInRequest({ ...body, event: id })
    setOutcome(result)
    setBusy(false)
    load()
    return result
  }

  async function checkInTicket() {
    const code = ticket.trim()
    if (!code) {
      setOutcome({ kind: 'refused', text: 'Type or scan the code from the ticket first.' })
      return
    }
    if (busy) return
    await checkIn({ token: code })
    // ready for the next person in the queue
    setTicket('')
    ticketField.current?.focus()
  }

  if (!id) return null
  const shown = (rows ?? []).filter((r) => `${r.member.firstName} ${r.member.lastName} ${r.member.email}`.toLowerCase().includes(search.toLowerCase()))
  const arrived = (rows ?? []).filter((r) => r.checkedInAt).length
  return (
    <section style={{ marginTop: 24 }} aria-labelledby="check-in" data-hangar-component="CheckInPanel">
      <h3 id="check-in">
        Check-in ({arrived} of {rows?.length ?? 0} arrived)
      </h3>
      <div role="group" aria-label="Check in by ticket" style={{ display: 'flex', gap: 8, alignItems: 'flex-end', margin: '8px 0' }}>
        <TextInput
          path="checkInTicketCode"
          label="Ticket code (scan the QR code of an RSVP ticket or a membership card, or type it)"
          value={ticket}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTicket(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return
            // Enter would otherwise submit (save) the event's form
            e.preventDefault()
            void checkInTicket()
          }}
          inputRef={ticketField as React.RefObject<HTMLInputElement>}
          htmlAttributes={{ autoComplete: 'off' }}
          style={{ flex: 1, marginBottom: 0 }}
        />
        <Button type="button" size="medium" buttonStyle="secondary" disabled={busy} onClick={() => void checkInTicket()} margin={false}>
          Check in ticket
        </Button>
      </div>
      {/* live regions kept in the page, so a screen reader announces each new outcome */}
      <div role="status" data-testid="check-in-done">
        {outcome?.kind === 'checked-in' && <Banner type="success">{outcome.text}</Banner>}
      </div>
      {/* a refusal, or a ticket scanned twice (perhaps shared): the door should notice either */}
      <div role="alert" data-testid="check-in-problem">
        {outcome && outcome.kind !== 'checked-in' && <Banner type={outcome.kind === 'refused' ? 'error' : 'warning'}>{outcome.text}</Banner>}
      </div>
      <TextInput
        path="checkInSearch"
        label="Search the people going"
        placeholder="Name or email"
        value={search}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        htmlAttributes={{ autoComplete: 'off' }}
      />
      <table className="table" style={{ width: '100%', marginTop: 8 }}>
        <caption style={{ textAlign: 'left', position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>People going, by surname</caption>
        <thead>
          <tr>
            <th scope="col" style={{ color: 'var(--theme-elevation-800)' }}>Name</th>
            <th scope="col" style={{ color: 'var(--theme-elevation-800)' }}>Email</th>
            <th scope="col" style={{ color: 'var(--theme-elevation-800)' }}>Arrival</th>
          </tr>
        </thead>
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
                  <span>Arrived {arrivalTime(row.checkedInAt)}</span>
                ) : (
                  <Button
                    type="button"
                    size="small"
                    buttonStyle="primary"
                    disabled={busy}
                    onClick={() => void checkIn({ rsvp: row.id })}
                    aria-label={`Check in ${row.member.firstName} ${row.member.lastName}`}
                    margin={false}
                  >
                    Check in
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows && rows.length === 0 && <p>No one has said they are going yet.</p>}
    </section>
  )
}
