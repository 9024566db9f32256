/**
 * Which address a request comes from, for throttling (SPEC §11). The socket's address is the
 * truth; `X-Forwarded-For` is anyone's to write, so it counts only behind proxies the operator
 * declares with TRUST_PROXY (`true` = one proxy, or the number of proxies in front of the app).
 * Each proxy appends the address it received the request from, so the client is the entry that
 * many places from the right of the chain that ends with the socket's address.
 *
 * Pure: no Node or Next imports, unit-tested in tests/unit/client-address.spec.ts.
 */

/** Set by the server on every incoming request (src/security/peerAddress.ts), overwriting any sent. */
export const PEER_ADDRESS_HEADER = 'x-hangar-peer-address'

export const UNKNOWN_ADDRESS = 'unknown'

/** How many proxies in front of the app are trusted to append to X-Forwarded-For. */
export function trustedProxyHops(value: string | undefined): number {
  const setting = (value ?? '').trim().toLowerCase()
  if (!setting || setting === 'false' || setting === '0' || setting === 'no') return 0
  if (setting === 'true' || setting === 'yes') return 1
  const hops = Number(setting)
  return Number.isInteger(hops) && hops > 0 ? Math.min(hops, 10) : 0
}

function normalise(address: string | null | undefined): string | undefined {
  let value = (address ?? '').trim()
  if (!value) return undefined
  // "[::1]:1234" or "1.2.3.4:5678" as some proxies write it
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed) value = bracketed[1]!
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'))
  // IPv4 clients of a dual-stack socket
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(value)) value = value.slice(7)
  return value.toLowerCase().slice(0, 64)
}

export function clientAddress(args: { socketAddress?: string | null; forwardedFor?: string | null; trustProxy?: string }): string {
  const socket = normalise(args.socketAddress)
  const hops = trustedProxyHops(args.trustProxy)
  if (hops === 0) return socket ?? UNKNOWN_ADDRESS
  const forwarded = (args.forwardedFor ?? '')
    .split(',')
    .map((entry) => normalise(entry))
    .filter((entry): entry is string => Boolean(entry))
  const chain = socket ? [...forwarded, socket] : forwarded
  if (chain.length === 0) return UNKNOWN_ADDRESS
  return chain[Math.max(0, chain.length - 1 - hops)]!
}

/** The client address of a request, from its headers (the server put the socket's address there). */
export function requestAddress(headers: Pick<Headers, 'get'> | undefined | null, trustProxy = process.env.TRUST_PROXY): string {
  if (!headers) return UNKNOWN_ADDRESS
  return clientAddress({ socketAddress: headers.get(PEER_ADDRESS_HEADER), forwardedFor: headers.get('x-forwarded-for'), trustProxy })
}
