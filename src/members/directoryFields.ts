/**
 * What a member may show of themselves in the member directory (SPEC §10): each hidden until
 * they choose to show it. Pure, so the settings, the users collection and the pages share it.
 */
export const DIRECTORY_FIELDS = ['name', 'organisation', 'email', 'phone', 'photo'] as const
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number]

export const DIRECTORY_FIELD_LABELS: Record<DirectoryField, string> = {
  name: 'Name',
  organisation: 'Organisation',
  email: 'Email address',
  phone: 'Phone',
  photo: 'Photo',
}

/** The users field holding the member's choice for one directory field (`directory.showName`, …). */
export const showFieldOf = (field: DirectoryField) => `show${field[0]!.toUpperCase()}${field.slice(1)}` as const

export function isDirectoryField(value: unknown): value is DirectoryField {
  return typeof value === 'string' && (DIRECTORY_FIELDS as readonly string[]).includes(value)
}

/** The fields a member shows, after the fields the admins locked hidden for everyone. */
export function shownFields(choices: Partial<Record<string, unknown>> | null | undefined, locked: readonly unknown[] | null | undefined): DirectoryField[] {
  const lockedSet = new Set((locked ?? []).filter(isDirectoryField))
  return DIRECTORY_FIELDS.filter((field) => !lockedSet.has(field) && choices?.[showFieldOf(field)] === true)
}
