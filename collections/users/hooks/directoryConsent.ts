import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@payload-types'

import { DIRECTORY_FIELDS, showFieldOf } from '@/members/directoryFields'
import { consentState, recordConsent } from '@/privacy/consents'

// showing a custom member field (directory.showCustom) is an opt-in like the standard fields
const listed = (directory: User['directory'] | null | undefined) =>
  DIRECTORY_FIELDS.some((field) => (directory as Record<string, unknown> | null | undefined)?.[showFieldOf(field)] === true) || (directory?.showCustom?.length ?? 0) > 0

/**
 * Being in the member directory is an opt-in (SPEC §11): whenever a person goes from showing
 * nothing to showing something there, or back, a `directory` consent row records it, whichever
 * way the choice was made (their profile page, the API, or staff on their behalf).
 */
export const recordDirectoryConsent: CollectionAfterChangeHook<User> = async ({ doc, operation, previousDoc, req }) => {
  const now = listed(doc.directory)
  if (operation === 'create' ? !now : now === listed(previousDoc?.directory)) return doc
  const state = await consentState(req, doc.id)
  if ((state.directory?.granted ?? false) === now) return doc
  const byThemselves = req.user?.id === doc.id
  await recordConsent(req, { person: doc.id, kind: 'directory', granted: now, source: byThemselves ? 'portal' : 'admin' })
  return doc
}
