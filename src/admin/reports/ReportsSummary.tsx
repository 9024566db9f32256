import type { Payload, TypedUser } from 'payload'

import { canReadReport } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { formatMoney } from '@/lib/money'
import { answerReport } from '@/reports/answer'
import { REPORTS } from '@/reports/index'
import { parseReportQuery } from '@/reports/params'

type Props = { payload: Payload; user?: TypedUser | null }
type Figure = { label: string; value: string }

const percent = (value: unknown) => (typeof value === 'number' ? `${Math.round(value * 1000) / 10}%` : '—')

/**
 * The admin home's summary of the reports (beside "At a glance"): members now, the last twelve
 * months' movement and net revenue — each only for a role the report matrix lets read it — and a
 * link to the dashboard.
 */
export async function ReportsSummary({ payload, user }: Props) {
  const actor = (user ?? null) as Actor
  const parsed = parseReportQuery(new URLSearchParams())
  if (!parsed.ok) return null
  const figures: Figure[] = []
  const [members, movement, revenue] = await Promise.all(
    (['members', 'movement', 'revenue'] as const).map((name) => (canReadReport(name, actor) ? answerReport(REPORTS[name], payload, parsed.query) : Promise.resolve(null))),
  )
  if (members) figures.push({ label: 'Members now (active and in grace)', value: Number(members.summary.current).toLocaleString('en-GB') })
  if (movement) {
    figures.push({ label: 'Joined in the last 12 months', value: Number(movement.summary.joins).toLocaleString('en-GB') })
    figures.push({ label: 'Retention (renewed ÷ due)', value: percent(movement.summary.retention) })
  }
  for (const total of (revenue?.summary.totals ?? []) as Array<{ currency: string; net: number }>) {
    figures.push({ label: `Net revenue, last 12 months (${total.currency})`, value: formatMoney({ amount: total.net, currency: total.currency }) })
  }
  const anyReport = Object.keys(REPORTS).some((name) => canReadReport(name as keyof typeof REPORTS, actor))
  if (!anyReport) return null
  return (
    <section data-hangar-component="ReportsSummary" aria-labelledby="hangar-reports-summary" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <h2 id="hangar-reports-summary" style={{ marginBottom: 'var(--base)' }}>
        Reports
      </h2>
      {figures.length > 0 && (
        <dl data-testid="reports-summary" style={{ display: 'flex', flexWrap: 'wrap', gap: 'var(--base) calc(var(--base) * 2)', margin: '0 0 var(--base)' }}>
          {figures.map((figure) => (
            <div key={figure.label}>
              <dt style={{ color: 'var(--theme-elevation-800)' }}>{figure.label}</dt>
              <dd style={{ margin: 0, fontSize: '1.5rem', fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{figure.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <a href="/admin/reports" style={{ color: 'var(--theme-text)', textDecoration: 'underline' }}>
        Open the reports dashboard (charts, tables and CSV downloads)
      </a>
    </section>
  )
}
