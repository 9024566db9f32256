/**
 * Who may register for an event (seed 004, checked before payment), as pure rules: age on the
 * event's date (from the profile's date of birth), membership of given tiers, a certificate of a
 * given type valid on the event's date, and membership status. A refused registrant is told every
 * reason at once.
 *
 * Extension point: a deployment adds its own rules in `payload.config.ts` as
 * `custom: { eligibilityRules: [myRule] }`, each an `EligibilityRule` — a pure function of the
 * event and the registrant that answers `null` (fine) or the reason it refuses. They run after the
 * built-in rules, on every registration by a member (docs/events.md).
 */
import { differenceInYears } from 'date-fns/differenceInYears'
import { parseISO } from 'date-fns/parseISO'

export type EligibilitySettings = {
  minAge?: number | null
  maxAge?: number | null
  /** Tier ids: a membership of one of them (active or in grace) is needed. */
  tiers?: Array<number | { id: number }> | null
  /** A certificate type id: a certificate of that type valid on the event's date is needed. */
  certificateType?: number | { id: number; name?: string | null } | null
  /** Membership statuses, one of which the registrant's membership must have (e.g. active). */
  membershipStatuses?: string[] | null
}

export type Registrant = {
  /** `YYYY-MM-DD`, from the profile. */
  dateOfBirth?: string | null
  memberships: Array<{ tier: number; status: string }>
  certificates: Array<{ type: number; expiresOn?: string | null; issuedOn?: string | null }>
}

export type EligibilityContext = {
  event: { id?: number; title?: string; startsAt: Date | string; eligibility?: EligibilitySettings | null }
  registrant: Registrant
  /** Names for the reasons (tier and certificate type names by id), when the caller has them. */
  names?: { tiers?: Record<number, string>; certificateTypes?: Record<number, string> }
}

/** `null` when the registrant passes, else the reason, in words for them. */
export type EligibilityRule = (context: EligibilityContext) => string | null

export type Eligibility = { ok: true } | { ok: false; reasons: string[] }

const idOf = (value: number | { id: number }) => (typeof value === 'number' ? value : value.id)

/** Whole years of age on `on`. */
export function ageOn(dateOfBirth: string, on: Date): number {
  return differenceInYears(on, parseISO(dateOfBirth))
}

export const ageRule: EligibilityRule = ({ event, registrant }) => {
  const { minAge, maxAge } = event.eligibility ?? {}
  if (minAge == null && maxAge == null) return null
  if (!registrant.dateOfBirth) return 'This event has an age limit: add your date of birth to your profile first.'
  const age = ageOn(registrant.dateOfBirth, new Date(event.startsAt))
  if (minAge != null && age < minAge) return `You must be at least ${minAge} on the day of the event (you will be ${age}).`
  if (maxAge != null && age > maxAge) return `This event is for people aged up to ${maxAge} on the day (you will be ${age}).`
  return null
}

const CURRENT = ['active', 'grace']

export const tierRule: EligibilityRule = ({ event, registrant, names }) => {
  const tiers = (event.eligibility?.tiers ?? []).map(idOf)
  if (tiers.length === 0) return null
  if (registrant.memberships.some((m) => tiers.includes(m.tier) && CURRENT.includes(m.status))) return null
  const named = tiers.map((id) => names?.tiers?.[id] ?? `tier ${id}`)
  return `This event is for members of ${named.join(' or ')}.`
}

export const statusRule: EligibilityRule = ({ event, registrant }) => {
  const statuses = event.eligibility?.membershipStatuses ?? []
  if (statuses.length === 0) return null
  if (registrant.memberships.some((m) => statuses.includes(m.status))) return null
  return `This event needs a membership that is ${statuses.join(' or ')}.`
}

export const certificateRule: EligibilityRule = ({ event, registrant, names }) => {
  const wanted = event.eligibility?.certificateType
  if (wanted == null) return null
  const type = idOf(wanted)
  const day = new Date(event.startsAt).toISOString().slice(0, 10)
  const valid = registrant.certificates.some((c) => c.type === type && (!c.issuedOn || c.issuedOn.slice(0, 10) <= day) && (!c.expiresOn || c.expiresOn.slice(0, 10) >= day))
  if (valid) return null
  const name = names?.certificateTypes?.[type] ?? (typeof wanted === 'object' && wanted.name) ?? `certificate type ${type}`
  return `You need a ${name} certificate valid on the day of the event.`
}

export const BUILT_IN_RULES: readonly EligibilityRule[] = [ageRule, tierRule, statusRule, certificateRule]

/** Every rule's verdict; `extra` are the deployment's own rules (config.custom.eligibilityRules). */
export function checkEligibility(context: EligibilityContext, extra: readonly EligibilityRule[] = []): Eligibility {
  const reasons = [...BUILT_IN_RULES, ...extra].map((rule) => rule(context)).filter((reason): reason is string => Boolean(reason))
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons }
}

/** Whether the event asks anything of registrants at all (when not, the profile need not be read). */
export function hasEligibilityRules(settings: EligibilitySettings | null | undefined): boolean {
  if (!settings) return false
  return settings.minAge != null || settings.maxAge != null || (settings.tiers ?? []).length > 0 || settings.certificateType != null || (settings.membershipStatuses ?? []).length > 0
}
