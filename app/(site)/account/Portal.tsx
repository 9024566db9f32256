import Link from 'next/link'

import type { Event, Membership, Payment, Rsvp, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { siteUrl } from '@/email/queue'
import { eventWhen } from '@/events/labels'
import { signToken } from '@/lib/signedTokens'

import { formatMoney } from '@/lib/money'
import { getPayloadClient } from '@/lib/payload'
import { memberAccess, membershipPrice } from '@/membership/groupMembers'
import { GROUP_EDITABLE_STATUSES, groupCapacity, normaliseEmail } from '@/membership/groups'
import { priceLabel } from '@/membership/pricing'
import type { MembershipStatus } from '@/membership/lifecycle'
import { OPEN_STATUSES, STATUS_LABELS, canPayNow } from '@/membership/lifecycle'
import { METHOD_LABELS, PAYMENT_STATUS_LABELS } from '@/payments/ledger'
import { enabledProviders } from '@/payments/provider'
import type { PaymentMethod, PaymentStatus } from '@/payments/ledger'

import { DataCell, DataRow, DataTable } from '../_components/DataTable'
import { payForMembership } from '../join/actions'
import { AddPersonForm, RemovePersonButton } from './GroupForms'

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

/** The member's memberships and payments, read with their own access rights. */
export async function Portal({ user }: { user: User }) {
  const payload = await getPayloadClient()
  const [memberships, payments] = await Promise.all([
    payload.find({ collection: 'memberships', sort: '-createdAt', depth: 1, overrideAccess: false, user, limit: 50 }),
    payload.find({ collection: 'payments', sort: '-createdAt', depth: 0, overrideAccess: false, user, limit: 50 }),
  ])
  const now = new Date()
  const mine = await withOwnTiers(payload, memberships.docs as Membership[])
  const prices = await Promise.all(mine.map((m) => membershipPrice(payload, m)))
  const [seats, invitations, providers, events, myReplies] = await Promise.all([
    seatsHeldBy(user),
    householdInvitationsFor(user, mine),
    enabledProviders(payload),
    payload.find({
      collection: 'events',
      where: { and: [{ status: { equals: 'published' } }, { startsAt: { greater_than_equal: now.toISOString() } }] },
      sort: 'startsAt',
      limit: 5,
      depth: 0,
      overrideAccess: false,
      user,
    }),
    payload.find({ collection: 'rsvps', limit: 100, depth: 0, overrideAccess: false, user }),
  ])
  const upcoming = events.docs as Event[]
  const replies = new Map((myReplies.docs as Rsvp[]).map((r) => [idOf(r.event) as number, r.status]))
  const calendarLink = `${siteUrl()}/api/events/ical?token=${encodeURIComponent(signToken('ical', user.id))}`

  return (
    <>
      <section aria-labelledby="memberships" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="memberships" className="text-xl font-semibold">
          Membership
        </h2>
        {memberships.docs.length === 0 ? (
          <p className="mt-3 text-slate-700">
            You have no membership yet. <a href="/tiers" className="font-medium text-brand-700 underline">Choose a tier</a>.
          </p>
        ) : (
          <ul className="mt-4 space-y-4">
            {mine.map((m, index) => {
              const tier = m.tier as Tier
              const status = m.status as MembershipStatus
              const price = prices[index]!
              return (
                <li key={m.id} className="rounded border border-slate-200 p-4" data-testid="membership">
                  <div className="flex flex-wrap items-center gap-3">
                    <h3 className="text-lg font-semibold">{typeof tier === 'object' ? tier.name : 'Membership'}</h3>
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
                  {typeof tier === 'object' && <GroupPanel membership={m} tier={tier} />}
                  {canPayNow(status, m.periodEnd, now) && (
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
      </section>

      {(seats.length > 0 || invitations.length > 0) && (
        <section aria-labelledby="through-others" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 id="through-others" className="text-xl font-semibold">
            Through someone else’s membership
          </h2>
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
        </section>
      )}

      <section aria-labelledby="payments" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="payments" className="text-xl font-semibold">
          Payments
        </h2>
        {payments.docs.length === 0 ? (
          <p className="mt-3 text-slate-700">No payments yet.</p>
        ) : (
          <DataTable
            className="mt-4"
            columns={[{ label: 'Date' }, { label: 'Receipt' }, { label: 'Method' }, { label: 'Status' }, { label: 'Amount', align: 'right' }]}
          >
            {(payments.docs as Payment[]).map((p) => (
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
      </section>

      <section aria-labelledby="meetings" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="meetings" className="text-xl font-semibold">
          Upcoming meetings and events
        </h2>
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
      </section>
    </>
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

/** Organisation memberships on which the user holds a seat and that give access now. */
async function seatsHeldBy(user: User) {
  const payload = await getPayloadClient()
  const access = await memberAccess(payload, user)
  const seatIds = access.grants.filter((grant) => grant.via === 'seat').map((grant) => grant.membership)
  if (seatIds.length === 0) return []
  const { docs } = await payload.find({ collection: 'memberships', where: { id: { in: seatIds } }, depth: 1, overrideAccess: true, limit: seatIds.length })
  return (docs as Membership[]).map((m) => ({
    id: m.id,
    tierName: (m.tier as Tier).name,
    organisation: m.organisationName || `${(m.member as User).firstName} ${(m.member as User).lastName}`,
    periodEnd: m.periodEnd,
  }))
}

/** Households that list the user but that they have not joined yet. */
async function householdInvitationsFor(user: User, mine: Membership[]) {
  const email = normaliseEmail(user.email)
  if (!email) return []
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: 'memberships',
    where: { and: [{ 'householdMembers.email': { equals: email } }, { status: { in: [...OPEN_STATUSES] } }] },
    depth: 1,
    overrideAccess: true,
    limit: 10,
  })
  const joinedTiers = new Set(mine.filter((m) => OPEN_STATUSES.includes(m.status as MembershipStatus)).map((m) => (m.tier as Tier).id))
  return (docs as Membership[])
    .filter((lead) => !joinedTiers.has((lead.tier as Tier).id))
    .map((lead) => ({
      id: lead.id,
      tierId: (lead.tier as Tier).id,
      tierName: (lead.tier as Tier).name,
      contact: `${(lead.member as User).firstName} ${(lead.member as User).lastName}`,
    }))
}

/**
 * A member may hold a tier that is no longer offered (not public, or retired), which their own
 * read access does not reach; the tier of their own membership is theirs to see, so it is read
 * for them (one query for all of them) rather than shown as a bare "Membership".
 */
async function withOwnTiers(payload: Awaited<ReturnType<typeof getPayloadClient>>, mine: Membership[]): Promise<Membership[]> {
  const unread = [...new Set(mine.map((m) => m.tier).filter((tier): tier is number => typeof tier === 'number'))]
  if (unread.length === 0) return mine
  const { docs } = await payload.find({ collection: 'tiers', where: { id: { in: unread } }, depth: 0, limit: unread.length, pagination: false, overrideAccess: true })
  const byId = new Map((docs as Tier[]).map((tier) => [tier.id, tier]))
  return mine.map((m) => (typeof m.tier === 'number' && byId.has(m.tier) ? { ...m, tier: byId.get(m.tier)! } : m))
}
