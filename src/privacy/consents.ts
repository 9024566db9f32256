/**
 * Consent records (SPEC §11, issue 15 point 6): the privacy policy a person accepted (which
 * version, when) and their marketing and directory opt-ins, kept as an append-only history in
 * the `consents` collection. The latest row of each kind is the person's current state.
 */
import type { PayloadRequest } from 'payload'

import type { Consent, Setting } from '@payload-types'

import { and, eq, sql, tableOf, transactionDb } from '@/lib/db'
import { readSettings } from '@/lib/siteRequest'

export const CONSENT_KINDS = ['privacy_policy', 'marketing', 'directory'] as const
export type ConsentKind = (typeof CONSENT_KINDS)[number]

export const CONSENT_KIND_LABELS: Record<ConsentKind, string> = {
  privacy_policy: 'Privacy policy',
  marketing: 'News and offers by email',
  directory: 'Listed in the member directory',
}

/** How a consent was given: the sign-up form, the member's portal, or staff recording it. */
export const CONSENT_SOURCES = ['sign-up', 'portal', 'admin'] as const
export type ConsentSource = (typeof CONSENT_SOURCES)[number]

/** The opt-ins a member changes in the portal (privacy policy acceptance is separate). */
export const OPT_IN_KINDS = ['marketing', 'directory'] as const satisfies readonly ConsentKind[]
export type OptInKind = (typeof OPT_IN_KINDS)[number]

/** The policy version before an admin sets one; settings and tests read it from here. */
export const DEFAULT_PRIVACY_POLICY_VERSION = '1'

export const MUST_ACCEPT_POLICY = 'Please read and accept the privacy policy to create an account.'

/** Set on a request by code that records a consent, so the collection's hook does not treat it as staff entering one. */
export const RECORDED_BY_SITE = 'hangar.consentRecordedBySite'

export function currentPolicyVersion(settings: Pick<Setting, 'privacyPolicyVersion'> | null | undefined): string {
  const version = settings?.privacyPolicyVersion?.trim()
  return version || DEFAULT_PRIVACY_POLICY_VERSION
}

export type ConsentEntry = { granted: boolean; policyVersion: string | null; givenAt: string; source: ConsentSource }
export type ConsentState = Record<ConsentKind, ConsentEntry | null>

/**
 * The person's current consents: the latest row of each kind, in one statement that reads the
 * person's rows by the (person, kind, given at) index, however long the history. In the request's
 * transaction, so a hook sees the row its own save has just written.
 */
export async function consentState(req: PayloadRequest, personId: number | string): Promise<ConsentState> {
  const consents = tableOf(req.payload, 'consents')
  const db = await transactionDb(req)
  const rows = (await db
    .select({ kind: consents.kind, granted: consents.granted, policyVersion: consents.policyVersion, givenAt: consents.givenAt, source: consents.source })
    .from(consents)
    .where(
      and(
        eq(consents.person, personId),
        // no later row of the same kind (the higher id breaks a tie of the same instant)
        sql`not exists (select 1 from ${consents} as later where later.person_id = ${consents.person} and later.kind = ${consents.kind} and (later.given_at > ${consents.givenAt} or (later.given_at = ${consents.givenAt} and later.id > ${consents.id})))`,
      ),
    )) as Array<{ kind: string; granted: unknown; policyVersion: string | null; givenAt: string | Date; source: ConsentSource }>
  const state = Object.fromEntries(CONSENT_KINDS.map((kind) => [kind, null])) as ConsentState
  for (const row of rows) {
    if (!(CONSENT_KINDS as readonly string[]).includes(row.kind)) continue
    state[row.kind as ConsentKind] = { granted: Boolean(row.granted), policyVersion: row.policyVersion ?? null, givenAt: new Date(row.givenAt).toISOString(), source: row.source }
  }
  return state
}

/**
 * Where the person stands with the current privacy policy: accepted it, accepted an earlier
 * version (an admin has raised it since: the member site asks them to accept before anything
 * else), or never accepted one (an account staff created, or older than consent records: the
 * privacy section of their account asks them, without blocking the page).
 */
export type PolicyStatus = 'accepted' | 'outdated' | 'never'
export function policyStatus(state: ConsentState, version: string): PolicyStatus {
  const accepted = state.privacy_policy
  if (!accepted || !accepted.granted) return 'never'
  return accepted.policyVersion === version ? 'accepted' : 'outdated'
}

/** The person's consents, the current policy version and where they stand with it, read at once. */
export async function privacyStandingOf(req: PayloadRequest, personId: number | string) {
  const [state, settings] = await Promise.all([consentState(req, personId), readSettings(req.payload)])
  const version = currentPolicyVersion(settings)
  return { state, version, url: settings.privacyPolicyUrl || null, status: policyStatus(state, version) }
}

/** Appends one consent row, as the site (the person's own choice made through a form). */
export async function recordConsent(
  req: PayloadRequest,
  entry: { person: number | string; kind: ConsentKind; granted: boolean; source: ConsentSource; policyVersion?: string | null },
): Promise<Consent> {
  return req.payload.create({
    collection: 'consents',
    data: {
      person: entry.person as number,
      kind: entry.kind,
      granted: entry.granted,
      policyVersion: entry.kind === 'privacy_policy' ? (entry.policyVersion ?? null) : null,
      source: entry.source,
      givenAt: new Date().toISOString(),
    },
    depth: 0,
    overrideAccess: true,
    context: { [RECORDED_BY_SITE]: true },
    req,
  }) as Promise<Consent>
}

/** The signed-in member accepts the current privacy policy (the portal's acceptance step). */
export async function acceptPrivacyPolicy(req: PayloadRequest, settings: Pick<Setting, 'privacyPolicyVersion'>): Promise<Consent> {
  if (!req.user) throw new Error('acceptPrivacyPolicy needs a signed-in user')
  return recordConsent(req, { person: req.user.id, kind: 'privacy_policy', granted: true, policyVersion: currentPolicyVersion(settings), source: 'portal' })
}

/**
 * The signed-in member's opt-in choices from the portal: a row for each kind whose answer
 * changed (an unchanged answer adds nothing, so the history shows only real changes).
 */
export async function saveOptIns(req: PayloadRequest, choices: Partial<Record<OptInKind, boolean>>): Promise<Consent[]> {
  if (!req.user) throw new Error('saveOptIns needs a signed-in user')
  const state = await consentState(req, req.user.id)
  const recorded: Consent[] = []
  for (const kind of OPT_IN_KINDS) {
    const wanted = choices[kind]
    if (wanted === undefined || (state[kind]?.granted ?? false) === wanted) continue
    recorded.push(await recordConsent(req, { person: req.user.id, kind, granted: wanted, source: 'portal' }))
  }
  return recorded
}
