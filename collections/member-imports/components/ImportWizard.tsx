'use client'

import { Banner, Button, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

/**
 * The member import, step by step, on a member import's page in the admin panel (issue 16
 * points 5 and 6): upload the CSV (a new import), match each column to a field, check it (the dry
 * run: what would be created, updated or skipped, and every bad row with its line and reason), run
 * it (a job: the bar follows its progress) and download the report. It talks to the endpoints of
 * collections/member-imports/endpoints.
 */

type Field = { key: string; label: string; group: 'person' | 'membership' | 'payment' | 'custom' }
type Setup = { headers: string[]; mapping: (string | null)[]; fields: Field[]; preview: { line: number; cells: string[] }[]; problems: string[]; canRecordPayments: boolean }
type Counts = { total: number; processed: number; created: number; updated: number; unchanged: number; failed: number }
type Problem = { line: number; email: string; message: string }
type Options = { sendWelcome?: boolean | null; sendReceipts?: boolean | null; dateOrder?: 'dmy' | 'mdy' | null }
type ImportDoc = {
  id: number
  filename: string
  mode: 'create' | 'update'
  status: 'uploaded' | 'checked' | 'queued' | 'running' | 'finished' | 'failed'
  rowCount: number
  options?: Options
  dryRun?: { at: string; counts: Counts; problems: Problem[] } | null
  progress?: Counts
  error?: string | null
}

const sectionStyle = { marginTop: 'calc(var(--base) * 2)' }
const GROUP_LABELS: Record<Field['group'], string> = { person: 'Person', membership: 'Membership', payment: 'Payment', custom: 'Member fields' }
const api = (path: string) => `/api/member-imports${path}`

async function call<T>(path: string, init?: RequestInit): Promise<{ ok: boolean; body: T & { errors?: { message: string }[] } }> {
  const res = await fetch(api(path), { credentials: 'include', ...init, headers: { ...(init?.body && typeof init.body === 'string' ? { 'Content-Type': 'application/json' } : {}), ...init?.headers } })
  const body = (await res.json().catch(() => ({}))) as T & { errors?: { message: string }[] }
  return { ok: res.ok, body }
}

const errorOf = (body: { errors?: { message: string }[] }, fallback: string) => body.errors?.[0]?.message ?? fallback

function CountsLine({ counts, dryRun }: { counts: Counts; dryRun: boolean }) {
  const words = dryRun ? ['to create', 'to update', 'to skip (unchanged)', 'with errors'] : ['created', 'updated', 'unchanged', 'failed']
  return (
    <ul className="hangar-import__counts" aria-label={dryRun ? 'What the import would do' : 'What the import did'} style={{ display: 'flex', gap: 'calc(var(--base) * 1.5)', listStyle: 'none', padding: 0 }}>
      <li>
        <strong data-count="created">{counts.created}</strong> {words[0]}
      </li>
      <li>
        <strong data-count="updated">{counts.updated}</strong> {words[1]}
      </li>
      <li>
        <strong data-count="unchanged">{counts.unchanged}</strong> {words[2]}
      </li>
      <li>
        <strong data-count="failed">{counts.failed}</strong> {words[3]}
      </li>
    </ul>
  )
}

function ProblemTable({ problems, more }: { problems: Problem[]; more: number }) {
  if (!problems.length) return <p>No row has a problem.</p>
  return (
    <div style={{ maxHeight: '24rem', overflow: 'auto' }}>
      <table className="hangar-import__problems" style={{ width: '100%', borderCollapse: 'collapse' }}>
        <caption style={{ textAlign: 'left', fontWeight: 600, marginBottom: 'calc(var(--base) / 2)' }}>Rows with errors (not imported)</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left' }}>Line</th>
            <th scope="col" style={{ textAlign: 'left' }}>Email</th>
            <th scope="col" style={{ textAlign: 'left' }}>Why</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem) => (
            <tr key={problem.line} data-line={problem.line} style={{ borderTop: '1px solid var(--theme-elevation-150)' }}>
              <td>{problem.line}</td>
              <td>{problem.email || '—'}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p>… and {more} more rows with errors: download the report for all of them.</p> : null}
    </div>
  )
}

/** A new import: the file and what it does, sent to POST /api/member-imports/upload. */
function UploadStep() {
  const router = useRouter()
  const [file, setFile] = useState<File | null>(null)
  const [mode, setMode] = useState<'create' | 'update'>('create')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const upload = async () => {
    if (!file) return setError('Choose the CSV file first.')
    setBusy(true)
    setError(null)
    const form = new FormData()
    form.append('file', file)
    const { ok, body } = await call<{ doc: { id: number } }>(`/upload?mode=${mode}`, { method: 'POST', body: form })
    setBusy(false)
    if (!ok) return setError(errorOf(body, 'The file could not be read.'))
    router.push(`/admin/collections/member-imports/${body.doc.id}`)
  }
  return (
    <section data-hangar-component="ImportUpload" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <h3>1. Upload the spreadsheet</h3>
      <p>Save the spreadsheet as CSV (comma or semicolon separated, with a first line of column names), choose it here and upload it. Nothing is imported yet: you match the columns and check the rows first.</p>
      <p>
        <label htmlFor="hangar-import-file">CSV file</label>
        <br />
        <input id="hangar-import-file" type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      </p>
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend>What the file does</legend>
        <label style={{ display: 'block' }}>
          <input type="radio" name="hangar-import-mode" value="create" checked={mode === 'create'} onChange={() => setMode('create')} /> Add and update people and their memberships
        </label>
        <label style={{ display: 'block' }}>
          <input type="radio" name="hangar-import-mode" value="update" checked={mode === 'update'} onChange={() => setMode('update')} /> Bulk update: change chosen details of people who are already here
        </label>
      </fieldset>
      {error ? <Banner type="error">{error}</Banner> : null}
      <Button onClick={upload} disabled={busy}>
        {busy ? 'Uploading…' : 'Upload'}
      </Button>
    </section>
  )
}

function ImportSteps({ id }: { id: number | string }) {
  const router = useRouter()
  const [doc, setDoc] = useState<ImportDoc | null>(null)
  const [setup, setSetup] = useState<Setup | null>(null)
  const [mapping, setMapping] = useState<(string | null)[]>([])
  const [options, setOptions] = useState<Options>({})
  const [message, setMessage] = useState<{ type: 'error' | 'success' | 'info'; text: string } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [version, setVersion] = useState(0)
  const reload = () => setVersion((v) => v + 1)

  useEffect(() => {
    let cancelled = false
    void Promise.all([call<ImportDoc>(`/${id}?depth=0`), call<Setup>(`/${id}/setup`)]).then(([current, setupAnswer]) => {
      if (cancelled) return
      if (current.ok) {
        setDoc(current.body)
        setOptions(current.body.options ?? {})
      }
      if (setupAnswer.ok) {
        setSetup(setupAnswer.body)
        setMapping(setupAnswer.body.mapping)
      }
    })
    return () => {
      cancelled = true
    }
  }, [id, version])

  // while the job is queued or runs, its progress is read every second
  useEffect(() => {
    if (doc?.status !== 'queued' && doc?.status !== 'running') return
    const timer = setTimeout(() => {
      void call<ImportDoc>(`/${id}?depth=0`).then(({ ok, body }) => {
        if (!ok) return
        setDoc(body)
        if (body.status === 'finished' || body.status === 'failed') {
          setMessage(body.status === 'finished' ? { type: 'success', text: 'The import has finished: the report below says what happened to each row.' } : null)
          // the page's own fields (the status in the sidebar) read the import again
          router.refresh()
        }
      })
    }, 1000)
    return () => clearTimeout(timer)
  }, [id, doc, router])

  if (!doc || !setup) return <p>Loading the import…</p>
  const locked = ['queued', 'running', 'finished'].includes(doc.status)
  const groups = (['person', 'membership', 'payment', 'custom'] as const).map((group) => ({ group, fields: setup.fields.filter((field) => field.group === group) })).filter((g) => g.fields.length)

  const saveSetup = async () => {
    setBusy('save')
    const { ok, body } = await call<{ doc: ImportDoc }>(`/${id}?depth=0`, { method: 'PATCH', body: JSON.stringify({ mapping, options }) })
    setBusy(null)
    if (!ok) {
      setMessage({ type: 'error', text: errorOf(body, 'The mapping could not be saved.') })
      return false
    }
    return true
  }

  const check = async () => {
    setMessage(null)
    if (!(await saveSetup())) return
    setBusy('check')
    const { ok, body } = await call<{ counts: Counts; problems: Problem[]; moreProblems: number }>(`/${id}/dry-run`, { method: 'POST', body: '{}' })
    setBusy(null)
    if (!ok) return setMessage({ type: 'error', text: errorOf(body, 'The check failed.') })
    setMessage({ type: 'success', text: `Checked ${body.counts.total} rows. Nothing has been imported yet.` })
    reload()
    router.refresh()
  }

  const run = async () => {
    setMessage(null)
    setBusy('run')
    const { ok, body } = await call<{ message: string }>(`/${id}/run`, { method: 'POST', body: '{}' })
    setBusy(null)
    if (!ok) return setMessage({ type: 'error', text: errorOf(body, 'The import could not be started.') })
    setMessage({ type: 'info', text: body.message })
    setDoc({ ...doc, status: 'queued' })
  }

  const progress = doc.progress
  const dryCounts = doc.dryRun?.counts
  const problems = doc.dryRun ? { list: doc.dryRun.problems, more: Math.max(0, doc.dryRun.counts.failed - doc.dryRun.problems.length) } : null
  return (
    <div data-hangar-component="ImportWizard" data-status={doc.status} style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <p>
        <strong>{doc.filename}</strong>: {doc.rowCount} rows. {doc.mode === 'update' ? 'Bulk update of people who are already here (found by email).' : 'People (found by email) and their memberships.'}
      </p>
      {message ? <Banner type={message.type === 'info' ? 'info' : message.type}>{message.text}</Banner> : null}

      <section aria-labelledby="hangar-import-mapping" style={sectionStyle}>
        <h3 id="hangar-import-mapping">2. Match the columns</h3>
        <p>Each column of the file fills the field chosen for it; a column left as “Not imported” is ignored. Empty cells never clear what a person already has.</p>
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: 'left' }}>Column in the file</th>
              <th scope="col" style={{ textAlign: 'left' }}>First row</th>
              <th scope="col" style={{ textAlign: 'left' }}>Imported as</th>
            </tr>
          </thead>
          <tbody>
            {setup.headers.map((header, index) => (
              <tr key={index} style={{ borderTop: '1px solid var(--theme-elevation-150)' }}>
                <td>{header || `Column ${index + 1}`}</td>
                <td>{setup.preview[0]?.cells[index] ?? ''}</td>
                <td>
                  <select
                    aria-label={`Imported as (column ${header || index + 1})`}
                    value={mapping[index] ?? ''}
                    disabled={locked}
                    onChange={(event) => setMapping(mapping.map((key, i) => (i === index ? event.target.value || null : key)))}
                  >
                    <option value="">Not imported</option>
                    {groups.map(({ group, fields }) => (
                      <optgroup key={group} label={GROUP_LABELS[group]}>
                        {fields.map((field) => (
                          <option key={field.key} value={field.key}>
                            {field.label}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {setup.problems.length && !locked ? (
          <ul aria-label="What the mapping still needs">
            {setup.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
        <fieldset style={{ border: 0, padding: 0, marginTop: 'var(--base)' }} disabled={locked}>
          <legend>Options</legend>
          <label style={{ display: 'block' }}>
            Dates written with slashes are{' '}
            <select value={options.dateOrder ?? 'dmy'} onChange={(event) => setOptions({ ...options, dateOrder: event.target.value as 'dmy' | 'mdy' })}>
              <option value="dmy">day/month/year (31/03/2026)</option>
              <option value="mdy">month/day/year (03/31/2026)</option>
            </select>
          </label>
          {doc.mode === 'create' ? (
            <>
              <label style={{ display: 'block' }}>
                <input type="checkbox" checked={Boolean(options.sendWelcome)} onChange={(event) => setOptions({ ...options, sendWelcome: event.target.checked })} /> Send the welcome email to new people
              </label>
              <label style={{ display: 'block' }}>
                <input type="checkbox" checked={Boolean(options.sendReceipts)} onChange={(event) => setOptions({ ...options, sendReceipts: event.target.checked })} /> Send receipts for imported payments
              </label>
            </>
          ) : null}
        </fieldset>
      </section>

      <section aria-labelledby="hangar-import-check" style={sectionStyle}>
        <h3 id="hangar-import-check">3. Check (dry run)</h3>
        <p>Every row is checked against what is already in Hangar; nothing is written.</p>
        <Button onClick={check} disabled={locked || busy !== null}>
          {busy === 'check' ? 'Checking…' : 'Check the file'}
        </Button>
        {dryCounts && doc.status === 'checked' ? <CountsLine counts={dryCounts} dryRun /> : null}
        {problems && doc.status === 'checked' ? <ProblemTable problems={problems.list} more={problems.more} /> : null}
      </section>

      <section aria-labelledby="hangar-import-run" style={sectionStyle}>
        <h3 id="hangar-import-run">4. Import</h3>
        <p>Rows with errors are left out; the others are written, each on its own.{doc.mode === 'create' ? ' No welcome email or receipt is sent unless ticked above.' : ''}</p>
        <Button onClick={run} disabled={doc.status !== 'checked' || busy !== null}>
          {busy === 'run' ? 'Starting…' : 'Run the import'}
        </Button>
        {progress && doc.status !== 'uploaded' && doc.status !== 'checked' ? (
          <div>
            <label htmlFor="hangar-import-progress">
              {doc.status === 'queued' ? 'Waiting to start…' : doc.status === 'running' ? 'Importing…' : doc.status === 'finished' ? 'Finished' : 'Stopped'}: {progress.processed} of {progress.total || doc.rowCount} rows
            </label>
            <progress id="hangar-import-progress" max={progress.total || doc.rowCount} value={progress.processed} style={{ display: 'block', width: '100%' }} />
            <CountsLine counts={progress} dryRun={false} />
          </div>
        ) : null}
        {doc.status === 'failed' && doc.error ? <Banner type="error">The import stopped: {doc.error}</Banner> : null}
      </section>

      {doc.status !== 'uploaded' ? (
        <p>
          <a href={api(`/${id}/report.csv`)} download>
            {doc.status === 'checked' ? 'Download the dry run’s report (CSV)' : 'Download the report (CSV)'}
          </a>
        </p>
      ) : null}
    </div>
  )
}

export function ImportWizard() {
  const { id } = useDocumentInfo()
  return id ? <ImportSteps id={id} /> : <UploadStep />
}
