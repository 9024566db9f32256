/**
 * Certificate expiry reminders (SPEC §7) as arithmetic: which offset is due on a day.
 * The daily job (jobs/certificateReminders.ts) asks this, then claims the step in the ledger.
 */

/**
 * Which certificate reminder is due today: of the offsets (days before expiry) whose day has
 * come, the one closest to the expiry, unless it was already sent. A missed earlier step is
 * not sent late once a later one is due. Nothing is due once the certificate has expired.
 */
export function dueCertificateReminder(expiresOn: Date | string, today: Date, offsets: readonly number[], sent: readonly number[]): number | null {
  const msLeft = new Date(expiresOn).getTime() - today.getTime()
  if (msLeft <= 0) return null
  const daysLeft = Math.ceil(msLeft / 86_400_000)
  const due = offsets.filter((days) => days >= 0 && daysLeft <= days)
  if (due.length === 0) return null
  const latest = Math.min(...due)
  return sent.includes(latest) ? null : latest
}
