/**
 * Next.js calls this once when the server starts. In one-machine mode the web process runs
 * the jobs queue (emails, daily reminders and expiry), so its timers start here, at boot,
 * rather than on the first admin request. It also stamps every request with its socket's
 * address, for throttling.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  // throttling reads the client's address from the socket (src/security/clientAddress.ts)
  const { installPeerAddressHeader } = await import('./src/security/peerAddress')
  installPeerAddressHeader()
  const { jobsAutoRunHere } = await import('./jobs')
  if (!jobsAutoRunHere()) return
  const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('@payload-config')])
  await getPayload({ config, cron: true })
}
