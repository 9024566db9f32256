import type { NumberField, Validate } from 'payload'

/**
 * The admin components of a money field (src/admin/MoneyField.tsx, MoneyCell.tsx): people read
 * and type pounds, the database and the API keep whole minor units.
 */
export const moneyComponents = {
  Field: '/src/admin/MoneyField#MoneyField',
  Cell: '/src/admin/MoneyCell#MoneyCell',
} satisfies NonNullable<NonNullable<NumberField['admin']>['components']>

/** What a money field's description says about the API, in words. */
export const MONEY_API_NOTE = 'Integrations using the API send it in whole pence instead: 2500 for £25.00.'

/**
 * A required field the server fills in (the member of a payment, its key, a status): it is
 * checked when the document is saved, after the hooks have filled it, never while the admin
 * form is being edited, so the form never says "This field is required." about a field nobody
 * can type in.
 */
export function filledByServer(message: string): Validate {
  return (value: unknown, options: { event?: string }) =>
    options.event === 'onChange' || (value !== null && value !== undefined && value !== '') || message
}
