import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { idOf } from '@/access/collectionAccess'
import { memberAccess } from '@/access/membership'
import { getCurrentUser, getSiteRequest } from '@/lib/payload'
import { myVolunteering } from '@/volunteering/summary'

import { DataCell, DataRow, DataTable } from '../_components/DataTable'
import { AvailabilityForm } from './AvailabilityForm'
import type { AvailabilityView } from './AvailabilityForm'
import { CertificateUpload } from './CertificateUpload'
import { dateInputValue, formatDay, formatHours, formatShiftTime } from './format'
import { ShiftsPanel } from './ShiftsPanel'

export const metadata: Metadata = { title: 'Volunteering' }

const sectionClass = 'rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200'

const CERTIFICATE_STATUS_STYLES: Record<string, string> = {
  Valid: 'bg-green-100 text-green-900',
  'Awaiting verification': 'bg-amber-100 text-amber-900',
  Expired: 'bg-red-100 text-red-900',
  'Not valid yet': 'bg-slate-200 text-slate-800',
}

/**
 * The member's volunteering (SPEC §7): their roles, certificates (with the upload form), the
 * shifts they can take and the ones they are on, their availability and their hours. Read
 * through the same summary as `GET /api/volunteer-assignments/me`; the forms post to the REST API.
 */
export default async function VolunteeringPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in?next=/volunteering')

  const req = await getSiteRequest()
  const [mine, access] = await Promise.all([myVolunteering(req, user), memberAccess(req.payload, user, req)])

  const activeRoles = mine.roles.filter((role) => role.status === 'active')
  const shiftsAttended = mine.past.filter((s) => s.attended).length
  const availability: AvailabilityView = {
    id: mine.availability?.id ?? null,
    weekly: (mine.availability?.weekly ?? []).map(({ day, from, to }) => ({ day, from, to })),
    dates: (mine.availability?.dates ?? []).map(({ kind, from, to, note }) => ({ kind, from: dateInputValue(from), to: dateInputValue(to), note: note ?? '' })),
    interestedRoles: (mine.availability?.interestedRoles ?? []).map((role) => Number(idOf(role))),
    notes: mine.availability?.notes ?? '',
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-brand-900">Volunteering</h1>
        <p className="mt-2 text-slate-700">
          Your volunteer roles and certificates, the shifts you can take and the ones you are on, and when you can help.
        </p>
      </div>

      {!access.isMember && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900" data-testid="membership-needed">
          Volunteer roles and shifts are for members with an active membership.{' '}
          <Link href="/account" className="font-medium underline">
            See your membership
          </Link>
          .
        </p>
      )}

      <section aria-labelledby="my-hours" className={sectionClass}>
        <h2 id="my-hours" className="text-xl font-semibold">
          My hours
        </h2>
        <p className="mt-2 text-lg" data-testid="total-hours">
          {formatHours(mine.hours)} volunteered
          <span className="text-base text-slate-600">
            {' '}
            on {shiftsAttended} {shiftsAttended === 1 ? 'shift' : 'shifts'}
          </span>
        </p>
        <p className="text-sm text-slate-600">Hours count once a coordinator records that you were there.</p>
      </section>

      <section aria-labelledby="my-roles" className={sectionClass}>
        <h2 id="my-roles" className="text-xl font-semibold">
          My roles
        </h2>
        {mine.roles.length === 0 ? (
          <p className="mt-3 text-slate-700">
            You have no volunteer roles yet. Upload the certificates a role needs and tell us which roles interest you (below); a coordinator
            then gives you the role.
          </p>
        ) : (
          <ul className="mt-4 space-y-3">
            {mine.roles.map((role) => {
              const ended = role.status !== 'active'
              const attention = !ended && role.flag !== 'OK'
              return (
                <li key={role.id} className="rounded border border-slate-200 p-4" data-testid="my-role">
                  <div className="flex flex-wrap items-center gap-3">
                    <h3 className="text-lg font-semibold">{role.name}</h3>
                    <span
                      className={`rounded px-2 py-0.5 text-sm font-medium ${ended ? 'bg-slate-200 text-slate-800' : attention ? 'bg-amber-100 text-amber-900' : 'bg-green-100 text-green-900'}`}
                    >
                      {ended ? 'Ended' : attention ? 'Needs attention' : 'Active'}
                    </span>
                  </div>
                  {role.description && <p className="mt-1 text-slate-700">{role.description}</p>}
                  {attention && <p className="mt-1 text-amber-900">{role.flag}</p>}
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="my-certificates" className={sectionClass}>
        <h2 id="my-certificates" className="text-xl font-semibold">
          My certificates
        </h2>
        {mine.certificates.length === 0 ? (
          <p className="mt-3 text-slate-700">You have not uploaded any certificates yet.</p>
        ) : (
          <DataTable
            className="mt-4"
            columns={[{ label: 'Certificate' }, { label: 'Number' }, { label: 'Issued' }, { label: 'Expires' }, { label: 'Status' }, { label: 'File', hidden: true }]}
          >
            {mine.certificates.map((c) => (
              <DataRow key={c.id} data-testid="my-certificate">
                <DataCell label="Certificate" className="font-medium">
                  {c.type}
                </DataCell>
                <DataCell label="Number">{c.reference ?? '—'}</DataCell>
                <DataCell label="Issued">{formatDay(c.issuedOn)}</DataCell>
                <DataCell label="Expires">{c.expiresOn ? formatDay(c.expiresOn) : 'Does not expire'}</DataCell>
                <DataCell label="Status">
                  <span className={`whitespace-nowrap rounded px-2 py-0.5 font-medium ${CERTIFICATE_STATUS_STYLES[c.status] ?? ''}`}>{c.status}</span>
                </DataCell>
                <DataCell label="File">
                  {c.url && (
                    <a href={c.url} target="_blank" rel="noopener" className="whitespace-nowrap font-medium text-brand-700 underline">
                      View<span className="sr-only"> the {c.type} certificate file</span>
                    </a>
                  )}
                </DataCell>
              </DataRow>
            ))}
          </DataTable>
        )}
        <CertificateUpload types={mine.certificateTypes} />
      </section>

      <ShiftsPanel
        hasRoles={activeRoles.length > 0}
        open={mine.open.map((s) => ({ id: s.id, title: s.title, role: s.role, when: formatShiftTime(s.startsAt, s.endsAt), location: s.location, openPlaces: s.openPlaces }))}
        upcoming={mine.upcoming.map((s) => ({ id: s.id, title: s.title, role: s.role, when: formatShiftTime(s.startsAt, s.endsAt), location: s.location }))}
        past={mine.past.map((s) => ({ id: s.id, title: s.title, when: formatDay(s.startsAt), attended: s.attended, hours: s.attended ? formatHours(s.hours) : '—' }))}
      />

      <section aria-labelledby="my-availability" className={sectionClass}>
        <h2 id="my-availability" className="text-xl font-semibold">
          My availability
        </h2>
        <p className="mt-1 text-slate-700">Coordinators see this when they fill shifts.</p>
        <AvailabilityForm initial={availability} roleChoices={mine.roleChoices} />
      </section>
    </div>
  )
}
