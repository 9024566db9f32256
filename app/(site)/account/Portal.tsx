import Link from 'next/link'

import type { Membership, Tier, User } from '@payload-types'

import { mustVerifyEmail } from '@/access/emailVerified'
import { cardPhotoUrl } from '@/cards/photo'
import { siteUrl } from '@/email/queue'
import { eventWhen } from '@/events/labels'
import { signToken } from '@/lib/signedTokens'

import { formatMoney } from '@/lib/money'
import { getSiteRequest, getSiteSettings } from '@/lib/payload'
import { GROUP_EDITABLE_STATUSES, groupCapacity } from '@/membership/groups'
import { priceLabel } from '@/membership/pricing'
import type { MembershipStatus } from '@/membership/lifecycle'
import { STATUS_LABELS, canPayNow } from '@/membership/lifecycle'
import { METHOD_LABELS, PAYMENT_STATUS_LABELS } from '@/payments/ledger'
import type { PaymentMethod, PaymentStatus } from '@/payments/ledger'

import { DataCell, DataRow, DataTable } from '../_components/DataTable'
import { payForMembership } from '../join/actions'
import { CardSection } from './CardSection'
import { AddPersonForm, RemovePersonButton } from './GroupForms'
import { PortalSection } from './PortalSection'
import type { PortalData } from './portalData'
import { loadPortal } from './portalData'

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const day = (value?: string | null) => (value ? dateFormat.format(new Date(value)) : '—')

const STATUS_STYLES: Partial<Record<MembershipStatus, string>> = {
  active: 'bg-green-100 text-green-900',
  grace: 'bg-amber-100 text-amber-900',
  awaiting_payment: 'bg-amber-100 text-amber-900',
  applied: 'bg-sky-100 text-sky-900',
  lapsed: 'bg-slate-200 text-slate-800',
  rejected: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-800',
}

/** The member's memberships, payments and coming events, read with their own access rights (portalData.ts). */
export async function Portal({ user }: { user: User }) {
  const [req, settings] = await Promise.all([getSiteRequest(), getSiteSettings()])
  const data = await loadPortal(req, settings)
  const photoUrl = data.cards.length > 0 ? await cardPhotoUrl(req, user) : null
  const calendarLink = `${siteUrl()}/api/events/ical?token=${encodeURIComponent(signToken('ical', user.id))}`
  return (
    <>
      <MembershipsSection memberships={data.memberships} providers={data.providers} emailConfirmed={!mustVerifyEmail(user)} />
      <CardSection cards={data.cards} user={user} photoUrl={photoUrl} organisationName={settings.organisationName || 'Hangar'} />
      <ThroughOthersSection seats={data.seats} invitations={data.invitations} />
      <PaymentsSection payments={data.payments} />
      <MeetingsSection upcoming={data.upcoming} replies={data.replies} calendarLink={calendarLink} />
    </>
  )
}

function MembershipsSection({ memberships, providers, emailConfirmed }: Pick<PortalData, 'memberships' | 'providers'> & { emailConfirmed: boolean }) {
  const now = new Date()
  return (
    <PortalSection id="memberships" title="Membership">
      {memberships.length === 0 ? (
        <p className="mt-3 text-slate-700">
          You have no membership yet. <a href="/tiers" className="font-medium text-brand-700 underline">Choose a tier</a>.
        </p>
      ) : (
        <ul className="mt-4 space-y-4">
          {memberships.map(({ membership: m, tier, price }) => {
            const status = m.status as MembershipStatus
            return (
              <li key={m.id} className="rounded border border-slate-200 p-4" data-testid="membership">
                <div className="flex flex-wrap items-center gap-3">
                  <h3 className="text-lg font-semibold">{tier ? tier.name : 'Membership'}</h3>
                  <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATUS_STYLES[status] ?? ''}`}>{STATUS_LABELS[status]}</span>
                </div>
                <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
                  <dt className="text-slate-600">Membership number</dt>
                  <dd>{m.membershipNumber ?? 'Given when you first pay'}</dd>
                  <dt className="text-slate-600">Current period</dt>
                  <dd>{m.periodStart ? `${day(m.periodStart)} to ${day(m.periodEnd)}` : '—'}</dd>
                  {m.organisationName && (
                    <>
                      <dt className="text-slate-600">Organisation</dt>
                      <dd>{m.organisationName}</dd>
                    </>
                  )}
                  <dt className="text-slate-600">Price</dt>
                  <dd>{priceLabel(price)}</dd>
                </dl>
                {tier && <GroupPanel membership={m} tier={tier} />}
                {canPayNow(status, m.periodEnd, now) && !emailConfirmed && (
                  <p className="mt-3 text-slate-700">
                    To pay, first confirm your email address: <a href="#verify-email" className="font-medium text-brand-700 underline">see above</a>.
                  </p>
                )}
                {canPayNow(status, m.periodEnd, now) && emailConfirmed && (
                  <div className="mt-3 flex flex-wrap gap-2">
                    {providers.map((provider, i) => (
                      <form key={provider.id} action={payForMembership}>
                        <input type="hidden" name="membership" value={m.id} />
                        <input type="hidden" name="provider" value={provider.id} />
                        <button
                          type="submit"
                          className={
                            i === 0
                              ? 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900'
                              : 'rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100'
                          }
                        >
                          {m.membershipNumber ? 'Renew' : 'Pay now'} ({formatMoney(price)}){providers.length > 1 ? `: ${provider.label}` : ''}
                        </button>
                      </form>
                    ))}
                  </div>
                )}
                {m.history && m.history.length > 0 && (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm text-slate-700">History</summary>
                    <ol className="mt-2 space-y-1 text-sm text-slate-700">
                      {m.history.map((h) => (
                        <li key={h.id}>
                          {day(h.at)}: {STATUS_LABELS[h.to as MembershipStatus]}
                          {h.reason ? ` — ${h.reason}` : ''}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </PortalSection>
  )
}

/** Seats held on an organisation's membership, and households that list the member but that they have not joined. */
function ThroughOthersSection({ seats, invitations }: Pick<PortalData, 'seats' | 'invitations'>) {
  if (seats.length === 0 && invitations.length === 0) return null
  return (
    <PortalSection id="through-others" title="Through someone else’s membership">
      <ul className="mt-3 space-y-2">
        {seats.map((seat) => (
          <li key={`seat-${seat.id}`} data-testid="seat">
            You hold a seat on the {seat.tierName} membership of <strong>{seat.organisation}</strong>, which gives you member access
            until {day(seat.periodEnd)}.
          </li>
        ))}
        {invitations.map((invite) => (
          <li key={`invite-${invite.id}`} data-testid="household-invitation">
            {invite.contact} added you to their household’s {invite.tierName} membership.{' '}
            <a href={`/join/${invite.tierId}`} className="font-medium text-brand-700 underline">
              Join {invite.tierName} at the household price
            </a>
            .
          </li>
        ))}
      </ul>
    </PortalSection>
  )
}

function PaymentsSection({ payments }: Pick<PortalData, 'payments'>) {
  return (
    <PortalSection id="payments" title="Payments">
      {payments.length === 0 ? (
        <p className="mt-3 text-slate-700">No payments yet.</p>
      ) : (
        <DataTable
          className="mt-4"
          columns={[{ label: 'Date' }, { label: 'Receipt' }, { label: 'Method' }, { label: 'Status' }, { label: 'Amount', align: 'right' }]}
        >
          {payments.map((p) => (
            <DataRow key={p.id} data-testid="payment">
              <DataCell label="Date">{day(p.paidAt ?? p.createdAt)}</DataCell>
              <DataCell label="Receipt">
                {p.receiptNumber ? (
                  <Link href={`/pay/receipt/${p.id}`} className="font-medium text-brand-700 underline">
                    {p.receiptNumber}
                  </Link>
                ) : (
                  '—'
                )}
              </DataCell>
              <DataCell label="Method">{METHOD_LABELS[p.method as PaymentMethod]}</DataCell>
              <DataCell label="Status">{PAYMENT_STATUS_LABELS[p.status as PaymentStatus] ?? p.status}</DataCell>
              <DataCell label="Amount" align="right">
                {formatMoney({ amount: p.amount, currency: p.currency })}
                {p.discount?.amount ? (
                  <span className="block text-xs text-slate-600">
                    {formatMoney({ amount: p.listAmount ?? 0, currency: p.currency })} less {p.discount.reason?.toLowerCase() ?? 'a discount'}
                  </span>
                ) : null}
              </DataCell>
            </DataRow>
          ))}
        </DataTable>
      )}
    </PortalSection>
  )
}

function MeetingsSection({ upcoming, replies, calendarLink }: Pick<PortalData, 'upcoming' | 'replies'> & { calendarLink: string }) {
  return (
    <PortalSection id="meetings" title="Upcoming meetings and events">
      {upcoming.length === 0 ? (
        <p className="mt-3 text-slate-700">Nothing is scheduled yet.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {upcoming.map((event) => {
            const reply = replies.get(event.id)
            return (
              <li key={event.id} data-testid="upcoming-event">
                <a href={`/events/${event.id}`} className="font-medium text-brand-700 underline">
                  {event.title}
                </a>{' '}
                <span className="text-slate-700">{eventWhen(event)}</span>
                {reply && <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm">{reply.replace('_', ' ')}</span>}
              </li>
            )
          })}
        </ul>
      )}
      <p className="mt-4 text-sm text-slate-600">
        Your personal calendar link (paste it into your calendar app; keep it to yourself):{' '}
        <code className="break-all">{calendarLink}</code>
      </p>
    </PortalSection>
  )
}

/** Seat holders or household members of a membership the user holds, with the forms to change them. */
function GroupPanel({ membership, tier }: { membership: Membership; tier: Tier }) {
  const status = membership.status as MembershipStatus
  if (tier.kind === 'household' && membership.household) {
    return <p className="mt-3 text-sm text-slate-700">Part of a household: you pay the household price while its first member’s membership is active.</p>
  }
  if (tier.kind !== 'organisation' && tier.kind !== 'household') return null
  const kind = tier.kind
  const people = (kind === 'organisation' ? membership.seatHolders : membership.householdMembers) ?? []
  const capacity = groupCapacity(tier)
  const editable = GROUP_EDITABLE_STATUSES.includes(status)
  const heading = kind === 'organisation' ? `Seat holders (${people.length} of ${capacity})` : 'Household members'
  return (
    <div className="mt-4 rounded bg-slate-50 p-3" data-testid={kind === 'organisation' ? 'seat-holders' : 'household-members'}>
      <h4 className="font-medium">{heading}</h4>
      <p className="text-sm text-slate-700">
        {kind === 'organisation'
          ? 'Seat holders have member access while this membership is active. They sign in with the email address you give here.'
          : 'Each household member joins with a membership of their own, at the household price, signing in with the email address you give here.'}
      </p>
      {people.length > 0 && (
        <ul className="mt-2 space-y-1">
          {people.map((person) => (
            <li key={person.id ?? person.email} className="flex items-center gap-3">
              <span>{person.email}</span>
              {editable && <RemovePersonButton membership={membership.id} kind={kind} email={person.email} />}
            </li>
          ))}
        </ul>
      )}
      {editable && people.length < capacity && (
        <AddPersonForm membership={membership.id} kind={kind} label={kind === 'organisation' ? 'Add a seat holder (email)' : 'Add a household member (email)'} />
      )}
    </div>
  )
}
