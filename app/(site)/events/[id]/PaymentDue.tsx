import type { Event, Rsvp } from '@payload-types'

import { checkBankAccount } from '@/events/bankAccount'
import { formatMoney } from '@/lib/money'

import { payForPlace } from '../actions'

const when = (value: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value)) + ' UTC'

/** A place held for payment: how much, until when, and how to pay (card, bank transfer, the organiser's instructions). */
export function PaymentDue({ event, reply, providers }: { event: Event; reply: Rsvp; providers: Array<{ id: string; label: string }> }) {
  const amount = formatMoney({ amount: reply.amountDue ?? 0, currency: reply.currency ?? 'GBP' })
  const account = event.bankAccount ? checkBankAccount(event.bankAccount) : null
  return (
    <div className="space-y-3" data-testid="payment-due">
      <p>
        Your place is held{reply.heldUntil ? ` until ${when(reply.heldUntil)}` : ''}: pay <strong>{amount}</strong> to complete your registration. Unpaid places are then released.
      </p>
      {reply.paymentMethod === 'online' && (
        <div className="flex flex-wrap gap-2">
          {providers.map((provider, i) => (
            <form key={provider.id} action={payForPlace}>
              <input type="hidden" name="event" value={event.id} />
              <input type="hidden" name="rsvp" value={reply.id} />
              <input type="hidden" name="provider" value={provider.id} />
              <button
                type="submit"
                className={i === 0 ? 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900' : 'rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100'}
              >
                Pay {amount}
                {providers.length > 1 ? `: ${provider.label}` : ''}
              </button>
            </form>
          ))}
        </div>
      )}
      {reply.paymentMethod === 'bank_transfer' && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium">Account</dt>
          <dd>{account?.ok ? account.display : event.bankAccount}</dd>
          <dt className="font-medium">Reference</dt>
          <dd data-testid="payment-reference">{reply.paymentReference}</dd>
          <dt className="font-medium">Amount</dt>
          <dd>{amount}</dd>
        </dl>
      )}
      {event.paymentInstructions && <p className="whitespace-pre-line text-slate-700">{event.paymentInstructions}</p>}
    </div>
  )
}
