'use client'

import { Banner, Button, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useMemo, useState } from 'react'

import type { RegistrantRow } from '@/events/registrantQuery'

type Column = { key: string; label: string; kind: 'text' | 'number' | 'date' | 'choice' | 'yes_no' | 'money'; choices?: string[]; operators: string[] }
/** A row as `GET /api/events/:id/registrants` answers it. */
type Row = RegistrantRow
type Listing = { columns: Column[]; docs: Row[]; totalDocs: number; page: number; totalPages: number }
type Filter = { column: string; operator: string; value: string }
type Notice = { type: 'success' | 'error'; text: string }

const OPERATOR_LABELS: Record<string, string> = {
  equals: 'is',
  not_equals: 'is not',
  contains: 'contains',
  in: 'is one of (comma-separated)',
  greater_than_equal: 'at least / from',
  less_than_equal: 'at most / until',
  exists: 'is answered',
}
const STATUS_LABELS: Record<string, string> = {
  going: 'Going',
  waitlisted: 'Waitlisted',
  cancelled: 'Cancelled',
  not_going: 'Not going',
  new: 'New',
  form_completed: 'Form completed',
  payment_pending: 'Payment pending',
  registered: 'Registered',
  registered_without_payment: 'Registered without payment',
  expired: 'Expired',
}
const PAY_METHODS = [
  ['bank_transfer', 'Bank transfer'],
  ['cash', 'Cash'],
  ['cheque', 'Cheque'],
] as const

const money = (amount: number | null, currency: string | null) =>
  amount === null ? '' : new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency ?? 'GBP' }).format(amount / 100)
const when = (at: string | null) => (at ? new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '')

/** The query string of the list's filter and sort, the same for the list, the CSV and (as JSON) the email. */
function filterQuery(filters: Filter[]): URLSearchParams {
  const params = new URLSearchParams()
  for (const { column, operator, value } of filters) params.append(`filter[${column}][${operator}]`, value)
  return params
}
function filterObject(filters: Filter[]): Record<string, Record<string, string>> {
  const object: Record<string, Record<string, string>> = {}
  for (const { column, operator, value } of filters) object[column] = { ...object[column], [operator]: value }
  return object
}

async function send(path: string, body: unknown): Promise<{ ok: boolean; status: number; json: { message?: string; errors?: { message?: string }[]; recipients?: number } }> {
  try {
    const res = await fetch(path, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    return { ok: res.ok, status: res.status, json: await res.json().catch(() => ({})) }
  } catch {
    return { ok: false, status: 0, json: { errors: [{ message: 'The server could not be reached. Check the connection and try again.' }] } }
  }
}
const errorOf = (result: Awaited<ReturnType<typeof send>>) => result.json.errors?.[0]?.message ?? `That did not work (error ${result.status}).`

function cell(column: Column, row: Row): string {
  if (column.key.startsWith('answers.')) {
    const value = row.answers[column.key.slice('answers.'.length)]
    if (value === undefined || value === null) return ''
    if (typeof value === 'boolean') return value ? 'Yes' : 'No'
    return String(value)
  }
  switch (column.key) {
    case 'status':
    case 'registrationStatus':
      return row[column.key] ? (STATUS_LABELS[row[column.key]!] ?? row[column.key]!) : ''
    case 'amountDue':
      return money(row.amountDue, row.currency)
    case 'paid':
      return row.paid ? 'Yes' : row.exemptReason ? `Exempt (${row.exemptReason})` : 'No'
    case 'checkedIn':
      return row.checkedInAt ? 'Yes' : 'No'
    case 'heldUntil':
    case 'checkedInAt':
    case 'createdAt':
      return when(row[column.key])
    default:
      return String((row as unknown as Record<string, unknown>)[column.key] ?? '')
  }
}

/** One page of the list as the server filtered and sorted it, or why it could not be read. */
async function readListing(id: number | string, query: URLSearchParams, page: number): Promise<{ listing: Listing } | { error: string }> {
  const params = new URLSearchParams(query)
  params.set('page', String(page))
  params.set('limit', '50')
  const res = await fetch(`/api/events/${id}/registrants?${params}`, { credentials: 'include' }).catch(() => null)
  if (!res) return { error: 'The server could not be reached.' }
  const json = await res.json().catch(() => ({}))
  if (!res.ok) return { error: json.errors?.[0]?.message ?? `The list could not be read (error ${res.status}).` }
  return { listing: json as Listing }
}

const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`)
const input: React.CSSProperties = { padding: '4px 6px', minWidth: 120 }

/**
 * The registrant list on an event's (or session's) page in the admin panel (issue 19 point 7):
 * every registration with its payment state and an answer column per form question, filtered and
 * sorted by any column on the server (GET /api/events/:id/registrants), with the existing
 * mark-paid, exempt and check-in endpoints per row, a message to everyone on the filtered list and
 * its CSV file. This sits inside the document's own <form>: every button is type="button" and Enter
 * in its fields does not save the event.
 */
export function RegistrantsPanel() {
  const { id } = useDocumentInfo()
  const [listing, setListing] = useState<Listing | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [filters, setFilters] = useState<Filter[]>([])
  const [draft, setDraft] = useState<Filter>({ column: '', operator: 'equals', value: '' })
  const [sort, setSort] = useState<string>('')
  const [page, setPage] = useState(1)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [busy, setBusy] = useState(false)
  const [methods, setMethods] = useState<Record<number, string>>({})
  const [subject, setSubject] = useState('')
  const [message, setMessage] = useState('')
  const [emailKey, setEmailKey] = useState(newKey)

  const query = useMemo(() => {
    const params = filterQuery(filters)
    if (sort) params.set('sort', sort)
    return params
  }, [filters, sort])

  const load = useCallback(() => (id ? readListing(id, query, page) : Promise.resolve(null)), [id, query, page])
  const apply = useCallback((result: Awaited<ReturnType<typeof readListing>> | null) => {
    if (!result) return
    if ('error' in result) setLoadError(result.error)
    else {
      setLoadError(null)
      setListing(result.listing)
    }
  }, [])
  const reload = useCallback(() => load().then(apply), [load, apply])

  useEffect(() => {
    let cancelled = false
    void load().then((result) => !cancelled && apply(result))
    return () => {
      cancelled = true
    }
  }, [load, apply])

  if (!id) return null
  const columns = listing?.columns ?? []
  const draftColumn = columns.find((c) => c.key === draft.column)

  function addFilter() {
    if (!draftColumn) return setNotice({ type: 'error', text: 'Choose a column to filter by.' })
    const value = draft.operator === 'exists' ? draft.value || 'true' : draft.value.trim()
    if (!value) return setNotice({ type: 'error', text: 'Say what to filter for.' })
    setFilters((current) => [...current.filter((f) => !(f.column === draft.column && f.operator === draft.operator)), { ...draft, value }])
    setDraft({ ...draft, value: '' })
    setPage(1)
    setNotice(null)
    setEmailKey(newKey())
  }

  function toggleSort(key: string) {
    setSort((current) => (current === key ? `-${key}` : current === `-${key}` ? '' : key))
    setPage(1)
  }

  async function act(path: string, body: unknown, done: string) {
    if (busy) return
    setBusy(true)
    let result = await send(path, body)
    // pay on the day: the door asks for the cash first
    if (result.status === 402 && window.confirm(`${errorOf(result)}\n\nCash taken?`)) result = await send(path, { ...(body as object), cashTaken: true })
    setNotice(result.ok ? { type: 'success', text: result.json.message ?? done } : { type: 'error', text: errorOf(result) })
    setBusy(false)
    await reload()
  }

  async function emailList() {
    if (busy) return
    setBusy(true)
    const result = await send(`/api/events/${id}/registrants/email`, { subject, message, filter: filterObject(filters), idempotencyKey: emailKey })
    setBusy(false)
    if (result.ok) {
      setNotice({ type: 'success', text: result.json.message ?? 'Message queued.' })
      setSubject('')
      setMessage('')
      setEmailKey(newKey())
    } else setNotice({ type: 'error', text: errorOf(result) })
  }

  const noEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement)) e.preventDefault()
  }

  return (
    <section style={{ marginTop: 32 }} aria-labelledby="registrants" data-hangar-component="RegistrantsPanel" onKeyDown={noEnter}>
      <h3 id="registrants">Registrants ({listing?.totalDocs ?? 0})</h3>
      {notice && (
        <Banner type={notice.type === 'success' ? 'success' : 'error'}>
          <span role="status">{notice.text}</span>
        </Banner>
      )}
      {loadError && <Banner type="error">{loadError}</Banner>}

      <div role="group" aria-label="Filter the registrants" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '8px 0' }}>
        <select aria-label="Filter column" style={input} value={draft.column} onChange={(e) => setDraft({ column: e.target.value, operator: columns.find((c) => c.key === e.target.value)?.operators[0] ?? 'equals', value: '' })}>
          <option value="">Filter by…</option>
          {columns.map((column) => (
            <option key={column.key} value={column.key}>
              {column.label}
            </option>
          ))}
        </select>
        <select aria-label="Filter operator" style={input} value={draft.operator} onChange={(e) => setDraft({ ...draft, operator: e.target.value })}>
          {(draftColumn?.operators ?? ['equals']).map((operator) => (
            <option key={operator} value={operator}>
              {OPERATOR_LABELS[operator] ?? operator}
            </option>
          ))}
        </select>
        {draftColumn && (draftColumn.kind === 'yes_no' || draft.operator === 'exists') ? (
          <select aria-label="Filter value" style={input} value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })}>
            <option value="">—</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
        ) : draftColumn?.kind === 'choice' && draft.operator !== 'in' ? (
          <select aria-label="Filter value" style={input} value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })}>
            <option value="">—</option>
            {(draftColumn.choices ?? []).map((choice) => (
              <option key={choice} value={choice}>
                {STATUS_LABELS[choice] ?? choice}
              </option>
            ))}
          </select>
        ) : (
          <input
            aria-label="Filter value"
            style={input}
            type={draftColumn?.kind === 'date' ? 'date' : draftColumn?.kind === 'number' || draftColumn?.kind === 'money' ? 'number' : 'text'}
            value={draft.value}
            onChange={(e) => setDraft({ ...draft, value: e.target.value })}
            onKeyDown={(e) => e.key === 'Enter' && addFilter()}
          />
        )}
        <Button type="button" size="small" buttonStyle="secondary" margin={false} onClick={addFilter}>
          Add filter
        </Button>
        <a href={`/api/events/${id}/registrants.csv?${query}`} download>
          Download CSV of this list
        </a>
      </div>
      {filters.length > 0 && (
        <ul aria-label="Active filters" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', padding: 0 }}>
          {filters.map((filter) => (
            <li key={`${filter.column}-${filter.operator}`} style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: '2px 6px' }}>
              {columns.find((c) => c.key === filter.column)?.label ?? filter.column} {OPERATOR_LABELS[filter.operator] ?? filter.operator} {filter.value}{' '}
              <button
                type="button"
                aria-label={`Remove filter ${filter.column}`}
                onClick={() => {
                  setFilters((current) => current.filter((f) => f !== filter))
                  setPage(1)
                  setEmailKey(newKey())
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}

      <div style={{ overflowX: 'auto' }}>
        <table aria-label="Registrants" style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" style={{ textAlign: 'left', padding: 4, whiteSpace: 'nowrap' }} aria-sort={sort === column.key ? 'ascending' : sort === `-${column.key}` ? 'descending' : 'none'}>
                  <button type="button" onClick={() => toggleSort(column.key)} style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', font: 'inherit', fontWeight: 600 }}>
                    {column.label}
                    {sort === column.key ? ' ▲' : sort === `-${column.key}` ? ' ▼' : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(listing?.docs ?? []).map((row) => (
              <tr key={row.id} data-registrant={row.id} style={{ borderTop: '1px solid var(--theme-elevation-100)' }}>
                {columns.map((column) => (
                  <td key={column.key} data-column={column.key} style={{ padding: 4 }}>
                    {cell(column, row)}
                  </td>
                ))}
                <td style={{ padding: 4, whiteSpace: 'nowrap' }}>
                  {row.registrationStatus === 'payment_pending' && (
                    <>
                      <select aria-label={`Payment method for ${row.name}`} value={methods[row.id] ?? (row.paymentMethod === 'on_the_day' ? 'cash' : 'bank_transfer')} onChange={(e) => setMethods({ ...methods, [row.id]: e.target.value })}>
                        {PAY_METHODS.map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="button" disabled={busy} onClick={() => void act(`/api/rsvps/${row.id}/mark-paid`, { method: methods[row.id] ?? (row.paymentMethod === 'on_the_day' ? 'cash' : 'bank_transfer') }, 'Payment recorded.')}>
                        Mark paid
                      </button>{' '}
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => {
                          const reason = window.prompt(`Why does ${row.name} not need to pay?`)
                          if (reason?.trim()) void act(`/api/rsvps/${row.id}/mark-paid`, { exempt: true, reason }, 'Registered without payment.')
                        }}
                      >
                        Exempt
                      </button>{' '}
                    </>
                  )}
                  {row.status === 'going' && !row.checkedInAt && (
                    <button type="button" disabled={busy} onClick={() => void act('/api/rsvps/check-in', { rsvp: row.id, event: id }, 'Checked in.')}>
                      Check in
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {listing && listing.totalDocs === 0 && <p>No registrations match.</p>}
      {listing && listing.totalPages > 1 && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '8px 0' }}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {listing.page} of {listing.totalPages}
          </span>
          <button type="button" disabled={page >= listing.totalPages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </div>
      )}

      <fieldset style={{ marginTop: 16, border: '1px solid var(--theme-elevation-150)', padding: 12 }}>
        <legend>Email everyone on this list</legend>
        <p style={{ margin: '0 0 8px' }}>
          Goes to each registrant the filter above matches, once. Those who cancelled, said no or whose hold expired are left out unless you filter by reply or registration.
        </p>
        <label style={{ display: 'block', marginBottom: 8 }}>
          Subject
          <input aria-label="Email subject" style={{ ...input, display: 'block', width: '100%' }} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <label style={{ display: 'block', marginBottom: 8 }}>
          Message
          <textarea aria-label="Email message" rows={5} style={{ ...input, display: 'block', width: '100%' }} value={message} maxLength={10000} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <Button type="button" size="small" margin={false} disabled={busy || !subject.trim() || !message.trim()} onClick={() => void emailList()}>
          Send to the filtered list
        </Button>
      </fieldset>
    </section>
  )
}
