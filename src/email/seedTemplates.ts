import type { Payload } from 'payload'

import { isUniqueViolation } from '@/lib/errors'

import { DEFAULT_TEMPLATES, EMAIL_TEMPLATE_KEYS, SUPERSEDED_TEMPLATE_BODIES } from './templates'

/**
 * Puts the default of every template that has no document yet in `email-templates`, so admins
 * find each one there to edit. Templates already there are left alone, unless one is still word
 * for word a default Hangar has since replaced (SUPERSEDED_TEMPLATE_BODIES): never edited, it
 * becomes today's default.
 */
export async function ensureEmailTemplates(payload: Payload): Promise<string[]> {
  const { docs } = await payload.find({ collection: 'email-templates', pagination: false, depth: 0, overrideAccess: true, select: { key: true, body: true } })
  const present = new Set(docs.map((doc) => doc.key))
  const created: string[] = []
  for (const doc of docs) {
    const key = doc.key as keyof typeof SUPERSEDED_TEMPLATE_BODIES
    if (!SUPERSEDED_TEMPLATE_BODIES[key]?.includes(doc.body as string)) continue
    const { description, body } = DEFAULT_TEMPLATES[key]
    await payload.update({ collection: 'email-templates', id: doc.id, data: { description, body }, overrideAccess: true, depth: 0 })
  }
  for (const key of EMAIL_TEMPLATE_KEYS) {
    if (present.has(key)) continue
    const { label, description, subject, body } = DEFAULT_TEMPLATES[key]
    try {
      await payload.create({ collection: 'email-templates', data: { key, label, description, subject, body }, overrideAccess: true, depth: 0 })
      created.push(key)
    } catch (error) {
      // Another process starting at the same moment created it first (unique key): fine.
      if (!isUniqueViolation(error)) throw error
    }
  }
  return created
}
