import type { DateFieldValidation } from 'payload'
import { date } from 'payload/shared'

import { EARLIEST_YEAR, isAfter, isBeforeEarliestYear, isFutureDay, isFutureMoment, isOnOrAfter } from './dateBounds'

/**
 * `validate` functions for date fields whose wrong values are clearly mistakes. Each runs
 * Payload's own date check first (required, a real date), then its bound, and answers in words;
 * a field validate is what REST, GraphQL, the admin panel and the member site all go through.
 */

type Sibling = Record<string, unknown> | undefined

/** A day that has already come: a certificate's issue date (today is fine). */
export const notFutureDay =
  (what: string): DateFieldValidation =>
  async (value, options) => {
    const base = await date(value, options)
    if (base !== true) return base
    if (isFutureDay(value)) return `${what} cannot be in the future.`
    if (isBeforeEarliestYear(value)) return `${what} cannot be before ${EARLIEST_YEAR}.`
    return true
  }

/** A moment that has already happened: when a payment was received. */
export const notFutureMoment =
  (what: string): DateFieldValidation =>
  async (value, options) => {
    const base = await date(value, options)
    if (base !== true) return base
    if (isFutureMoment(value)) return `${what} cannot be in the future.`
    if (isBeforeEarliestYear(value)) return `${what} cannot be before ${EARLIEST_YEAR}.`
    return true
  }

/** Strictly after the sibling field `earlier` (an expiry after the issue date). */
export const afterSibling =
  (earlier: string, message: string): DateFieldValidation =>
  async (value, options) => {
    const base = await date(value, options)
    if (base !== true) return base
    return isAfter(value, (options.siblingData as Sibling)?.[earlier]) || message
  }

/** On or after the sibling field `earlier` (the last day of a range after its first). */
export const onOrAfterSibling =
  (earlier: string, message: string): DateFieldValidation =>
  async (value, options) => {
    const base = await date(value, options)
    if (base !== true) return base
    return isOnOrAfter(value, (options.siblingData as Sibling)?.[earlier]) || message
  }
