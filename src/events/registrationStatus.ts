/**
 * A registration's state machine (seed 004, issue 19), pure: the RSVP hooks, the payment ledger
 * and the reservation job all ask it, and an invalid change is refused with the current and
 * requested state named.
 *
 *   new → form_completed → payment_pending → registered
 *                        ↘ registered (free, or paid on the day at the door)
 *   payment_pending → registered_without_payment (the organiser marks it paid by hand, or exempt)
 *   payment_pending → expired (the place was held for N days and no payment came)
 *   any open state → cancelled; cancelled or expired → form_completed (registering again)
 */
export const REGISTRATION_STATUSES = ['new', 'form_completed', 'payment_pending', 'registered', 'registered_without_payment', 'cancelled', 'expired'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

/** How a place is paid for, per event (later per session). */
export const REGISTRATION_PAYMENT_METHODS = ['free', 'on_the_day', 'manual', 'bank_transfer', 'online'] as const
export type RegistrationPaymentMethod = (typeof REGISTRATION_PAYMENT_METHODS)[number]

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  new: 'New',
  form_completed: 'Form completed',
  payment_pending: 'Payment pending',
  registered: 'Registered',
  registered_without_payment: 'Registered without payment',
  cancelled: 'Cancelled',
  expired: 'Expired (not paid in time)',
}

export const PAYMENT_METHOD_LABELS: Record<RegistrationPaymentMethod, string> = {
  free: 'Free',
  on_the_day: 'Pay on the day (cash at the door)',
  manual: 'Confirmed by the organiser',
  bank_transfer: 'Bank transfer',
  online: 'Online by card',
}

export type RegistrationTrigger =
  /** The registrant sent the form (answers checked). */
  | 'complete_form'
  /** After the form: the place is free or paid at the door (registered) or awaits payment. */
  | 'require_payment'
  | 'confirm_free'
  /** A succeeded ledger payment for the registration. */
  | 'payment_succeeded'
  /** The organiser records that the person paid outside the app, or need not pay. */
  | 'mark_paid'
  | 'exempt'
  | 'expire'
  | 'cancel'
  | 'register_again'

const TRANSITIONS: Record<RegistrationTrigger, { from: readonly RegistrationStatus[]; to: RegistrationStatus }> = {
  complete_form: { from: ['new'], to: 'form_completed' },
  require_payment: { from: ['form_completed'], to: 'payment_pending' },
  confirm_free: { from: ['form_completed'], to: 'registered' },
  // a payment made after the hold expired is still taken when the place can be had again (the ledger decides)
  payment_succeeded: { from: ['payment_pending', 'expired', 'registered_without_payment'], to: 'registered' },
  mark_paid: { from: ['payment_pending', 'expired'], to: 'registered_without_payment' },
  exempt: { from: ['form_completed', 'payment_pending', 'expired'], to: 'registered_without_payment' },
  expire: { from: ['payment_pending'], to: 'expired' },
  cancel: { from: ['new', 'form_completed', 'payment_pending', 'registered', 'registered_without_payment'], to: 'cancelled' },
  register_again: { from: ['cancelled', 'expired'], to: 'form_completed' },
}

export type RegistrationStep = { ok: true; to: RegistrationStatus } | { ok: false; message: string }

export function isRegistrationStatus(value: unknown): value is RegistrationStatus {
  return typeof value === 'string' && (REGISTRATION_STATUSES as readonly string[]).includes(value)
}

/** The state `trigger` leads to from `from`, or why it may not happen. */
export function nextRegistrationStatus(from: RegistrationStatus, trigger: RegistrationTrigger): RegistrationStep {
  const rule = TRANSITIONS[trigger]
  if (!rule) return { ok: false, message: `Unknown registration change: ${String(trigger)}.` }
  if (!rule.from.includes(from)) {
    return { ok: false, message: `A registration that is ${REGISTRATION_STATUS_LABELS[from].toLowerCase()} cannot become ${REGISTRATION_STATUS_LABELS[rule.to].toLowerCase()}.` }
  }
  return { ok: true, to: rule.to }
}

/** Whether a place has to be paid for through the app before the registration is complete. */
export function needsPayment(method: RegistrationPaymentMethod | null | undefined, amount: number): boolean {
  return amount > 0 && method !== 'free' && method !== 'on_the_day' && method !== null && method !== undefined
}

/** After the form: straight to registered (free, pay at the door) or to payment pending. */
export function afterForm(method: RegistrationPaymentMethod | null | undefined, amount: number): RegistrationTrigger {
  return needsPayment(method, amount) ? 'require_payment' : 'confirm_free'
}

/** States that hold a place (the RSVP is going). */
export const HOLDS_PLACE: readonly RegistrationStatus[] = ['payment_pending', 'registered', 'registered_without_payment']
/** States in which the registration is complete. */
export const COMPLETE: readonly RegistrationStatus[] = ['registered', 'registered_without_payment']
