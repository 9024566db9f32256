/**
 * The roles a user can hold (SPEC §2). `member` is the baseline every account has;
 * the others are staff roles that open parts of the admin panel.
 */
export const ROLES = [
  'superuser',
  'admin',
  'treasurer',
  'secretary',
  'events',
  'volunteers',
  'member',
] as const

export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  superuser: 'Superuser',
  admin: 'Admin',
  treasurer: 'Treasurer',
  secretary: 'Secretary',
  events: 'Events coordinator',
  volunteers: 'Volunteer coordinator',
  member: 'Member',
}

export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'member')

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** "superusers, admins and secretaries": roles named in a sentence (refusals say who may). */
export function rolesInWords(roles: readonly Role[]): string {
  const plural = (label: string) => (label.endsWith('y') ? `${label.slice(0, -1)}ies` : `${label}s`).toLowerCase()
  const names = roles.map((role) => plural(ROLE_LABELS[role]))
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')
}
