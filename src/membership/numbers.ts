/** Membership numbers: the prefix from settings and six digits, e.g. SASA-000123. */
export function formatMembershipNumber(prefix: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError('A membership number sequence starts at 1.')
  return `${prefix}${String(sequence).padStart(6, '0')}`
}
