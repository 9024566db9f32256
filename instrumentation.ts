/**
 * Next.js calls this once when the server starts. In one-machine mode the web process runs
 * the jobs queue (emails, daily reminders and expiry), so its timers start here, at boot,
 * rather than on the first admin request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { jobsAutoRunHere } = await import('./jobs')
  if (!jobsAutoRunHere()) return
  const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('@payload-config')])
  await getPayload({ config, cron: true })
}
