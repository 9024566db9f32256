import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, CollectionBeforeValidateHook, PayloadRequest } from 'payload'

import type { Certificate } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'
import { defaultExpiry } from '@/volunteering/eligibility'
import { displayName, refreshStandingForMember } from '@/volunteering/standing'

/** Coordinators (and the system itself: seeds, jobs) record certificates for anyone. */
export const managesCertificates = (req: PayloadRequest) => !req.user || reachesAll('certificates', req.user as Actor, 'create')

/**
 * A member's upload is theirs, with its file, and waits for a coordinator to verify it.
 * The expiry defaults to the issue date plus the type's validity.
 */
export const prepareCertificate: CollectionBeforeValidateHook<Certificate> = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  const next = { ...data }
  if (operation === 'create' && !managesCertificates(req)) {
    next.member = req.user!.id as number
    if (!req.file) throw new RefusedError('Attach the certificate: a PDF or a photo of it.', 400)
  }
  const typeId = idOf(next.type ?? originalDoc?.type)
  const type = await findOrRefuse(req, 'certificate-types', typeId, 'Choose the type of certificate.', 400)
  const issuedOn = next.issuedOn ?? originalDoc?.issuedOn
  if (!issuedOn || Number.isNaN(new Date(issuedOn).getTime())) throw new RefusedError('Give the date the certificate was issued.', 400)
  const typeChanged = operation === 'update' && typeId !== idOf(originalDoc?.type)
  if (operation === 'create' ? !next.expiresOn : 'issuedOn' in data && !('expiresOn' in data) && !originalDoc?.expiresOn) {
    next.expiresOn = defaultExpiry(issuedOn, type.validityMonths)?.toISOString() ?? null
  } else if (typeChanged && !('expiresOn' in data)) {
    next.expiresOn = defaultExpiry(issuedOn, type.validityMonths)?.toISOString() ?? originalDoc?.expiresOn ?? null
  }
  // Bounds on the dates (not in the future, expiry after issue) are the fields' own validate.
  return next
}

/**
 * Who verified a certificate, and when, is recorded when it is ticked (and cleared when
 * unticked). The title names the type and the holder, for lists and relationship pickers.
 */
export const recordVerification: CollectionBeforeChangeHook<Certificate> = async ({ data, originalDoc, req }) => {
  const was = Boolean(originalDoc?.verified)
  const next = { ...data }
  if (data.verified && !was) Object.assign(next, { verifiedBy: (req.user?.id as number) ?? null, verifiedAt: new Date().toISOString() })
  if (data.verified === false && was) Object.assign(next, { verifiedBy: null, verifiedAt: null })
  const [type, member] = await Promise.all([
    req.payload.findByID({ collection: 'certificate-types', id: idOf(next.type ?? originalDoc?.type)!, req, depth: 0, overrideAccess: true, disableErrors: true }),
    req.payload.findByID({ collection: 'users', id: idOf(next.member ?? originalDoc?.member)!, req, depth: 0, overrideAccess: true, disableErrors: true }),
  ])
  next.title = [type?.name, member ? displayName(member) : null].filter(Boolean).join(' · ') || null
  return next
}

/** The member's role assignments are re-flagged whenever a certificate of theirs changes. */
export const refreshAfterChange: CollectionAfterChangeHook<Certificate> = async ({ doc, previousDoc, req }) => {
  await refreshStandingForMember(req, idOf(doc.member) as number)
  const before = idOf(previousDoc?.member)
  if (before !== undefined && before !== idOf(doc.member)) await refreshStandingForMember(req, before as number)
  return doc
}

export const refreshAfterDelete: CollectionAfterDeleteHook<Certificate> = async ({ doc, req }) => {
  await refreshStandingForMember(req, idOf(doc.member) as number)
  return doc
}
