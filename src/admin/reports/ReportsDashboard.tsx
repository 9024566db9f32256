'use client'

/**
 * The reports dashboard (issue 16): one panel per report the signed-in person's role may read
 * (the server passes which), each fed by `GET /api/reports/:name` with the chosen date range, tier
 * and days ahead, with charts where people would rather look than read (recharts), tables that
 * link to the documents, and a CSV download of each table.
 */
import { useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import type { ReportName } from '@/access/matrix'
import { formatMoney } from '@/lib/money'

type Column = { key: string; label: string; kind: string }
type Row = Record<string, string | number | boolean | null>
type Table = { title: string; columns: Column[]; rows: Row[]; totalDocs?: number; page?: number; totalPages?: number }
type Answer = { report: string; title: string; params: Record<string, string | number | null>; summary: Record<string, any>; tables: Record<string, Table> }

export type DashboardProps = { reports: ReportName[]; tiers: Array<{ id: number; name: string }>; today: string }

/** Okabe–Ito: told apart by people with any common colour blindness, on light and dark themes. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#999999']
const STATUS_SERIES = [
  { key: 'active', label: 'Active' },
  { key: 'grace', label: 'In grace period' },
  { key: 'awaiting_payment', label: 'Awaiting payment' },
  { key: 'lapsed', label: 'Lapsed' },
  { key: 'cancelled', label: 'Cancelled' },
]
const MOVEMENT_SERIES = [
  { key: 'joins', label: 'Joined' },
  { key: 'renewals', label: 'Renewed' },
  { key: 'lapses', label: 'Lapsed' },
  { key: 'cancellations', label: 'Cancelled' },
]

const monthLabel = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
const dayLabel = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10}%`)
const count = (value: unknown) => Number(value ?? 0).toLocaleString('en-GB')

function firstOfMonthMonthsAgo(today: string, months: number): string {
  const date = new Date(`${today.slice(0, 7)}-01T00:00:00Z`)
  date.setUTCMonth(date.getUTCMonth() - months)
  return date.toISOString().slice(0, 10)
}

type Filters = { from: string; to: string; tier: string; days: number }

function queryOf(filters: Filters, uses: Array<keyof Filters>, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams()
  for (const key of uses) if (filters[key] !== '' && filters[key] !== undefined) params.set(key, String(filters[key]))
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params.set(key, String(value))
  return params.toString()
}

function useReport(name: ReportName, query: string): { answer?: Answer; error?: string; loading: boolean } {
  // the answer is kept with the address it answers, so a new choice shows "loading" until its own arrives
  const [state, setState] = useState<{ url?: string; answer?: Answer; error?: string }>({})
  const url = `/api/reports/${name}?${query}`
  useEffect(() => {
    let cancelled = false
    fetch(url, { credentials: 'include' })
      .then(async (res) => {
        const body = await res.json()
        if (!cancelled) setState(res.ok ? { url, answer: body as Answer } : { url, error: body.errors?.[0]?.message ?? 'This report is not available.' })
      })
      .catch(() => !cancelled && setState({ url, error: 'This report is not available.' }))
    return () => {
      cancelled = true
    }
  }, [url])
  return { answer: state.answer, error: state.url === url ? state.error : undefined, loading: state.url !== url }
}

function CsvLink({ name, table, query, label }: { name: ReportName; table: string; query: string; label?: string }) {
  const href = `/api/reports/${name}?${query ? `${query}&` : ''}format=csv&table=${table}`
  return (
    <a className="btn btn--style-secondary btn--size-small" href={href} download data-testid={`csv-${name}-${table}`} style={{ margin: 0 }}>
      {label ?? 'Download CSV'}
    </a>
  )
}

function Panel({ name, title, children, actions }: { name: ReportName; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section
      aria-labelledby={`report-${name}`}
      data-testid={`report-panel-${name}`}
      style={{ background: 'var(--theme-elevation-50)', border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-m, 4px)', padding: 'var(--base)', minWidth: 0 }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline', justifyContent: 'space-between', marginBottom: 'calc(var(--base) / 2)' }}>
        <h2 id={`report-${name}`} style={{ margin: 0, fontSize: '1.25rem' }}>
          {title}
        </h2>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{actions}</div>
      </div>
      {children}
    </section>
  )
}

function Status({ state }: { state: { error?: string; loading: boolean; answer?: Answer } }) {
  if (state.error) return <p role="alert">{state.error}</p>
  if (state.loading && !state.answer) return <p aria-live="polite">Loading…</p>
  return null
}

function Figures({ items }: { items: Array<[label: string, value: string]> }) {
  return (
    <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 24px', margin: '0 0 calc(var(--base) / 2)' }}>
      {items.map(([label, value]) => (
        <div key={label}>
          <dt style={{ fontSize: '0.8rem', color: 'var(--theme-elevation-800)' }}>{label}</dt>
          <dd style={{ margin: 0, fontSize: '1.25rem', fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function cell(column: Column, row: Row): ReactNode {
  const value = row[column.key]
  if (value === null || value === undefined || value === '') return '—'
  switch (column.kind) {
    case 'money':
      return formatMoney({ amount: Number(value), currency: String(row.currency ?? 'GBP') })
    case 'rate':
      return percent(Number(value))
    case 'count':
      return count(value)
    case 'hours':
      return Number(value).toLocaleString('en-GB', { maximumFractionDigits: 2 })
    case 'date':
      return dayLabel(String(value))
    case 'month':
      return monthLabel(String(value))
    case 'link':
      return <a href={String(value)}>Open</a>
    default:
      return typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value)
  }
}

function DataTable({ table, hide = [], testId }: { table: Table; hide?: string[]; testId?: string }) {
  const columns = table.columns.filter((column) => !hide.includes(column.key))
  if (table.rows.length === 0) return <p>Nothing to show for this choice.</p>
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" style={{ width: '100%', fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        <caption className="sr-only" style={{ position: 'absolute', left: -10000 }}>
          {table.title}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" style={{ color: 'var(--theme-elevation-800)', textAlign: ['money', 'count', 'rate', 'hours'].includes(column.kind) ? 'right' : 'left' }}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={String(row.id ?? index)}>
              {columns.map((column) => (
                <td key={column.key} style={{ textAlign: ['money', 'count', 'rate', 'hours'].includes(column.kind) ? 'right' : 'left' }}>
                  {cell(column, row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Pager({ table, page, setPage }: { table: Table; page: number; setPage: (page: number) => void }) {
  if (!table.totalPages || table.totalPages <= 1) return null
  return (
    <p style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <button type="button" className="btn btn--style-secondary btn--size-small" disabled={page <= 1} onClick={() => setPage(page - 1)} style={{ margin: 0 }}>
        Previous
      </button>
      Page {page} of {table.totalPages} ({count(table.totalDocs)} in all)
      <button type="button" className="btn btn--style-secondary btn--size-small" disabled={page >= table.totalPages} onClick={() => setPage(page + 1)} style={{ margin: 0 }}>
        Next
      </button>
    </p>
  )
}

/** A bar chart with the figures also in a table beside it (for screen readers and for copying). */
function Chart({ testId, label, data, xKey, series, stacked, format }: { testId: string; label: string; data: Row[]; xKey: string; series: Array<{ key: string; label: string }>; stacked?: boolean; format?: (value: number) => string }) {
  return (
    <figure data-testid={testId} role="img" aria-label={label} style={{ margin: '0 0 var(--base)', width: '100%', height: 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#8884" />
          <XAxis dataKey={xKey} tick={{ fontSize: 12 }} tickFormatter={(value: string) => (/^\d{4}-\d{2}$/.test(value) ? monthLabel(value) : value)} />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={(value: number) => (format ? format(value) : count(value))} width={format ? 72 : 40} allowDecimals={false} />
          <Tooltip formatter={(value) => (format ? format(Number(value)) : count(value))} labelFormatter={(value) => (/^\d{4}-\d{2}$/.test(String(value)) ? monthLabel(String(value)) : String(value))} />
          <Legend />
          {series.map((item, index) => (
            <Bar key={item.key} dataKey={item.key} name={item.label} fill={COLOURS[index % COLOURS.length]} stackId={stacked ? 'stack' : undefined} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}

function MembersPanel({ filters }: { filters: Filters }) {
  const [at, setAt] = useState('')
  const query = queryOf(filters, ['tier'], { at })
  const state = useReport('members', query)
  const table = state.answer?.tables.byTier
  const summary = state.answer?.summary
  return (
    <Panel name="members" title="Members by tier" actions={<CsvLink name="members" table="byTier" query={query} />}>
      <label style={{ display: 'block', marginBottom: 8 }}>
        As at{' '}
        <input type="date" value={at} max={new Date().toISOString().slice(0, 10)} onChange={(event) => setAt(event.target.value)} aria-label="Members as at" /> (empty: now)
      </label>
      <Status state={state} />
      {summary && (
        <Figures
          items={[
            ['Members (active and in grace)', count(summary.current)],
            ['Awaiting payment', count(summary.byStatus?.awaiting_payment)],
            ['Lapsed', count(summary.byStatus?.lapsed)],
          ]}
        />
      )}
      {table && <Chart testId="chart-members" label="Memberships by tier and status" data={table.rows} xKey="tier" series={STATUS_SERIES} stacked />}
      {/* approved turns into awaiting payment at once, and rejected applications are not members: in the CSV only */}
      {table && <DataTable table={table} hide={['approved', 'rejected']} testId="table-members" />}
    </Panel>
  )
}

function MovementPanel({ filters }: { filters: Filters }) {
  const query = queryOf(filters, ['from', 'to', 'tier'])
  const state = useReport('movement', query)
  const table = state.answer?.tables.byMonth
  const summary = state.answer?.summary
  return (
    <Panel name="movement" title="Joins, renewals and lapses" actions={<CsvLink name="movement" table="byMonth" query={query} />}>
      <Status state={state} />
      {summary && (
        <Figures
          items={[
            ['Joined', count(summary.joins)],
            ['Renewed', count(summary.renewals)],
            ['Lapsed', count(summary.lapses)],
            ['Cancelled', count(summary.cancellations)],
            ['Retention (renewed ÷ due)', percent(summary.retention)],
          ]}
        />
      )}
      {table && <Chart testId="chart-movement" label="Joins, renewals, lapses and cancellations by month" data={table.rows} xKey="month" series={MOVEMENT_SERIES} />}
      {table && (
        <details>
          <summary>The figures by month</summary>
          <DataTable table={table} testId="table-movement" />
        </details>
      )}
    </Panel>
  )
}

function RevenuePanel({ filters }: { filters: Filters }) {
  const query = queryOf(filters, ['from', 'to', 'tier'])
  const state = useReport('revenue', query)
  const answer = state.answer
  const totals = (answer?.summary.totals ?? []) as Row[]
  const currency = String(totals[0]?.currency ?? 'GBP')
  const { data, methods } = useMemo(() => {
    const detail = (answer?.tables.byMonthAndMethod?.rows ?? []).filter((row) => row.currency === currency)
    const methodList = [...new Map(detail.map((row) => [String(row.method), String(row.methodLabel)])).entries()].map(([key, label]) => ({ key, label }))
    const months = (answer?.tables.byMonth?.rows ?? []).filter((row) => row.currency === currency || row.currency === null).map((row) => String(row.month))
    const rows = months.map((month) => {
      const row: Row = { month }
      for (const method of methodList) row[method.key] = Number(detail.find((d) => d.month === month && d.method === method.key)?.net ?? 0) / 100
      return row
    })
    return { data: rows, methods: methodList }
  }, [answer, currency])
  const money = (major: number) => formatMoney({ amount: Math.round(major * 100), currency })
  return (
    <Panel
      name="revenue"
      title="Revenue"
      actions={
        <>
          <CsvLink name="revenue" table="byMonthAndMethod" query={query} label="CSV by month and method" />
          <CsvLink name="revenue" table="byMethod" query={query} label="CSV by method" />
        </>
      }
    >
      <Status state={state} />
      {totals.map((total) => (
        <Figures
          key={String(total.currency)}
          items={[
            [`Gross (${total.currency})`, formatMoney({ amount: Number(total.gross), currency: String(total.currency) })],
            ['Refunds', formatMoney({ amount: Number(total.refunds), currency: String(total.currency) })],
            ['Net', formatMoney({ amount: Number(total.net), currency: String(total.currency) })],
            ['Discounts given', formatMoney({ amount: Number(total.discounts), currency: String(total.currency) })],
          ]}
        />
      ))}
      {answer && totals.length === 0 && <p>No money was taken or given back in this period.</p>}
      {answer && methods.length > 0 && <Chart testId="chart-revenue" label={`Net revenue by month and method, in ${currency}`} data={data} xKey="month" series={methods} stacked format={money} />}
      {answer?.tables.byMethod && (
        <details>
          <summary>The figures by method</summary>
          <DataTable table={answer.tables.byMethod} hide={['method']} testId="table-revenue-methods" />
        </details>
      )}
    </Panel>
  )
}

function ListPanel({ name, title, filters, uses, tables, extra, figures }: { name: ReportName; title: string; filters: Filters; uses: Array<keyof Filters>; tables: string[]; extra?: (summary: Record<string, any>) => Array<[string, string]>; figures?: boolean }) {
  const query = queryOf(filters, uses)
  // the page belongs to the choice it was turned on: another period or tier starts at page 1
  const [paging, setPaging] = useState({ query, page: 1 })
  const page = paging.query === query ? paging.page : 1
  const setPage = (next: number) => setPaging({ query, page: next })
  const state = useReport(name, `${query}&limit=10&page=${page}`)
  const answer = state.answer
  return (
    <Panel name={name} title={title} actions={tables.map((table) => <CsvLink key={table} name={name} table={table} query={query} label={tables.length > 1 ? `CSV: ${answer?.tables[table]?.title ?? table}` : undefined} />)}>
      <Status state={state} />
      {answer && figures !== false && extra && <Figures items={extra(answer.summary)} />}
      {answer &&
        tables.map((key) => {
          const table = answer.tables[key]
          if (!table) return null
          return (
            <div key={key} style={{ marginBottom: 'var(--base)' }}>
              {tables.length > 1 && <h3 style={{ fontSize: '1rem', margin: '8px 0' }}>{table.title}</h3>}
              <DataTable table={table} hide={['email']} testId={`table-${name}-${key}`} />
              <Pager table={table} page={page} setPage={setPage} />
            </div>
          )
        })}
    </Panel>
  )
}

function VolunteeringPanel({ filters }: { filters: Filters }) {
  const query = queryOf(filters, ['from', 'to', 'days'])
  const state = useReport('volunteering', `${query}&limit=10`)
  const answer = state.answer
  return (
    <Panel
      name="volunteering"
      title="Volunteering"
      actions={['byRole', 'byMonth', 'byMember', 'unfilledShifts'].map((table) => (
        <CsvLink key={table} name="volunteering" table={table} query={query} label={`CSV: ${answer?.tables[table]?.title ?? table}`} />
      ))}
    >
      <Status state={state} />
      {answer && (
        <Figures
          items={[
            ['Hours', Number(answer.summary.hours).toLocaleString('en-GB')],
            ['Shifts', count(answer.summary.shifts)],
            ['Volunteers', count(answer.summary.volunteers)],
            [`Shifts to fill (next ${answer.summary.days} days)`, count(answer.summary.unfilledShifts)],
          ]}
        />
      )}
      {answer?.tables.byMonth && <Chart testId="chart-volunteering" label="Volunteer hours by month" data={answer.tables.byMonth.rows} xKey="month" series={[{ key: 'hours', label: 'Hours' }]} />}
      {answer?.tables.byRole && <DataTable table={answer.tables.byRole} testId="table-volunteering-byRole" />}
      {answer?.tables.unfilledShifts && (
        <>
          <h3 style={{ fontSize: '1rem', margin: '8px 0' }}>{answer.tables.unfilledShifts.title}</h3>
          <DataTable table={answer.tables.unfilledShifts} testId="table-volunteering-unfilledShifts" />
        </>
      )}
    </Panel>
  )
}

function Controls({ filters, setFilters, tiers, today }: { filters: Filters; setFilters: (filters: Filters) => void; tiers: DashboardProps['tiers']; today: string }) {
  const year = Number(today.slice(0, 4))
  const presets: Array<[string, Partial<Filters>]> = [
    ['Last 12 months', { from: firstOfMonthMonthsAgo(today, 11), to: today }],
    ['This year', { from: `${year}-01-01`, to: today }],
    ['Last year', { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }],
  ]
  return (
    <form
      role="search"
      aria-label="Report period and tier"
      onSubmit={(event) => event.preventDefault()}
      style={{ display: 'flex', flexWrap: 'wrap', gap: 'var(--base)', alignItems: 'flex-end', marginBottom: 'var(--base)' }}
    >
      <label>
        From
        <br />
        <input type="date" value={filters.from} max={filters.to} onChange={(event) => event.target.value && setFilters({ ...filters, from: event.target.value })} data-testid="report-from" />
      </label>
      <label>
        To
        <br />
        <input type="date" value={filters.to} min={filters.from} onChange={(event) => event.target.value && setFilters({ ...filters, to: event.target.value })} data-testid="report-to" />
      </label>
      <div style={{ display: 'flex', gap: 8 }}>
        {presets.map(([label, range]) => (
          <button key={label} type="button" className="btn btn--style-secondary btn--size-small" style={{ margin: 0 }} onClick={() => setFilters({ ...filters, ...range })}>
            {label}
          </button>
        ))}
      </div>
      <label>
        Tier
        <br />
        <select value={filters.tier} onChange={(event) => setFilters({ ...filters, tier: event.target.value })} data-testid="report-tier">
          <option value="">All tiers</option>
          {tiers.map((tier) => (
            <option key={tier.id} value={String(tier.id)}>
              {tier.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Looking ahead
        <br />
        <select value={filters.days} onChange={(event) => setFilters({ ...filters, days: Number(event.target.value) })}>
          {[7, 14, 30, 60, 90].map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </select>
      </label>
    </form>
  )
}

export function ReportsDashboard({ reports, tiers, today }: DashboardProps) {
  const [filters, setFilters] = useState<Filters>({ from: firstOfMonthMonthsAgo(today, 11), to: today, tier: '', days: 30 })
  const may = (name: ReportName) => reports.includes(name)
  if (reports.length === 0) return <p>Your role has no reports. The treasurer, admins, the secretary, the events team and volunteer coordinators each see theirs here.</p>
  return (
    <div data-hangar-component="ReportsDashboard">
      <Controls filters={filters} setFilters={setFilters} tiers={tiers} today={today} />
      <div style={{ display: 'grid', gap: 'var(--base)', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 34rem), 1fr))' }}>
        {may('members') && <MembersPanel filters={filters} />}
        {may('movement') && <MovementPanel filters={filters} />}
        {may('revenue') && <RevenuePanel filters={filters} />}
        {may('outstanding') && (
          <ListPanel
            name="outstanding"
            title="Outstanding"
            filters={filters}
            uses={['tier']}
            tables={['memberships', 'payments']}
            extra={(summary) => [
              ['Memberships awaiting payment', count(summary.memberships?.count)],
              ['Over 30 days', count(Number(summary.memberships?.byAge?.upTo90Days ?? 0) + Number(summary.memberships?.byAge?.over90Days ?? 0))],
              ['Payments pending', count(summary.payments?.count)],
            ]}
          />
        )}
        {may('expiring') && (
          <ListPanel
            name="expiring"
            title={`Ending in the next ${filters.days} days`}
            filters={filters}
            uses={['tier', 'days']}
            tables={['memberships']}
            extra={(summary) => [
              ['Ending', count(summary.count)],
              ['Reminded', count(summary.reminded)],
              ['Not reminded yet', count(summary.notReminded)],
            ]}
          />
        )}
        {may('attendance') && (
          <ListPanel
            name="attendance"
            title="Event attendance"
            filters={filters}
            uses={['from', 'to']}
            tables={['byEvent']}
            extra={(summary) => [
              ['Events', count(summary.events)],
              ['Going', count(summary.going)],
              ['Checked in', count(summary.checkedIn)],
              ['No-show rate', percent(summary.noShowRate)],
            ]}
          />
        )}
        {may('volunteering') && <VolunteeringPanel filters={filters} />}
      </div>
    </div>
  )
}
