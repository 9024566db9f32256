import type { Payload } from 'payload'

/**
 * The starting volunteer roles of SPEC §7 and the certificates they need, created on a new
 * installation only (when there are no roles and no certificate types yet); admins edit them.
 */
export async function ensureVolunteerRoles(payload: Payload): Promise<boolean> {
  const [roles, types] = await Promise.all([payload.count({ collection: 'volunteer-roles', overrideAccess: true }), payload.count({ collection: 'certificate-types', overrideAccess: true })])
  if (roles.totalDocs > 0 || types.totalDocs > 0) return false
  const create = (name: string, validityMonths: number | null, description: string) =>
    payload.create({ collection: 'certificate-types', data: { name, validityMonths, description }, overrideAccess: true, depth: 0 })
  const fire = await create('Fire training', 24, 'Aerodrome fire-fighting or fire marshal training.')
  const radio = await create('Radio operator licence', null, 'Aeronautical radio operator certificate of competence.')
  await create('First aid', 36, 'First aid at work or emergency first aid.')
  const role = (name: string, description: string, requiredCertificates: number[]) =>
    payload.create({ collection: 'volunteer-roles', data: { name, description, requiredCertificates }, overrideAccess: true, depth: 0 })
  await role('Fire', 'Fire cover on fly-ins and open days.', [fire.id])
  await role('Radio', 'Air/ground radio during events.', [radio.id])
  await role('General', 'Car parking, marshalling, teas and everything else.', [])
  return true
}
