'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { DataCell, DataRow, DataTable } from '../_components/DataTable'
import { callApi } from './callApi'
import { FormMessages } from './FormMessages'

export type OpenShiftView = { id: number; title: string; role: string; when: string; location: string | null; openPlaces: number }
export type MyShiftView = { id: number; title: string; role: string; when: string; location: string | null }
export type PastShiftView = { id: number; title: string; when: string; attended: boolean; hours: string }

const sectionClass = 'rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200'

/**
 * Shifts the member can take (sign up) and the shifts they are on (withdraw until it starts).
 * The outcome of either stays on screen after the lists refresh, in one place above both.
 */
export function ShiftsPanel({ open, upcoming, past, hasRoles }: { open: OpenShiftView[]; upcoming: MyShiftView[]; past: PastShiftView[]; hasRoles: boolean }) {
  const router = useRouter()
  const [busy, setBusy] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function act(shift: { id: number; title: string }, action: 'sign-up' | 'withdraw') {
    setBusy(shift.id)
    setError(null)
    setDone(null)
    const outcome = await callApi(`/api/shifts/${shift.id}/${action}`, { method: 'POST' })
    setBusy(null)
    if (!outcome.ok) {
      setError(outcome.message)
      return
    }
    const fallback = action === 'sign-up' ? `You are on the shift: ${shift.title}.` : `You are off the shift: ${shift.title}.`
    setDone(typeof outcome.body.message === 'string' ? outcome.body.message : fallback)
    router.refresh()
  }

  return (
    <>
      <div>
        <FormMessages error={error} done={done} />
      </div>

      <section aria-labelledby="open-shifts" className={sectionClass} data-testid="open-shifts">
        <h2 id="open-shifts" className="text-xl font-semibold">
          Open shifts I can take
        </h2>
        {open.length === 0 ? (
          <p className="mt-3 text-slate-700">
            {hasRoles
              ? 'No shifts for your roles need people just now.'
              : 'Once a coordinator gives you a volunteer role, the shifts for it that need people appear here.'}
          </p>
        ) : (
          <ul className="mt-4 space-y-3">
            {open.map((shift) => (
              <li key={shift.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded border border-slate-200 p-4" data-testid="open-shift">
                <div className="mr-auto">
                  <h3 className="font-semibold">{shift.title}</h3>
                  <p className="text-slate-700">
                    {shift.when}
                    {shift.location ? ` · ${shift.location}` : ''}
                  </p>
                  <p className="text-sm text-slate-600">
                    {shift.role} · {shift.openPlaces} {shift.openPlaces === 1 ? 'place' : 'places'} left
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => act(shift, 'sign-up')}
                  disabled={busy !== null}
                  aria-label={`Sign up for ${shift.title}`}
                  className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
                >
                  {busy === shift.id ? 'Signing up…' : 'Sign up'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="my-shifts" className={sectionClass} data-testid="my-shifts">
        <h2 id="my-shifts" className="text-xl font-semibold">
          My shifts
        </h2>
        {upcoming.length === 0 ? (
          <p className="mt-3 text-slate-700">You are not signed up for any coming shifts.</p>
        ) : (
          <ul className="mt-4 space-y-3">
            {upcoming.map((shift) => (
              <li key={shift.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded border border-slate-200 p-4" data-testid="my-shift">
                <div className="mr-auto">
                  <h3 className="font-semibold">{shift.title}</h3>
                  <p className="text-slate-700">
                    {shift.when}
                    {shift.location ? ` · ${shift.location}` : ''}
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => act(shift, 'withdraw')}
                  disabled={busy !== null}
                  aria-label={`Withdraw from ${shift.title}`}
                  className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
                >
                  {busy === shift.id ? 'Withdrawing…' : 'Withdraw'}
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm text-slate-600">You can withdraw until a shift starts; after that, ask a coordinator.</p>
        {past.length > 0 && (
          <>
            <h3 className="mt-6 text-lg font-semibold">Past shifts</h3>
            <DataTable className="mt-2" columns={[{ label: 'Shift' }, { label: 'When' }, { label: 'Attendance' }, { label: 'Hours', align: 'right' }]}>
              {past.map((shift) => (
                <DataRow key={shift.id} data-testid="past-shift">
                  <DataCell label="Shift">{shift.title}</DataCell>
                  <DataCell label="When">{shift.when}</DataCell>
                  <DataCell label="Attendance">{shift.attended ? 'Attended' : 'Not recorded'}</DataCell>
                  <DataCell label="Hours" align="right">
                    {shift.hours}
                  </DataCell>
                </DataRow>
              ))}
            </DataTable>
          </>
        )}
      </section>
    </>
  )
}
