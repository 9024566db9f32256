/**
 * Puts each request's socket address in a header of our own before Next.js sees the request,
 * replacing any value the client sent, so throttling never trusts an address a client wrote
 * (Next.js keeps a client's X-Forwarded-For and exposes no socket to route handlers or actions).
 * Installed once from instrumentation.ts when the Node server starts.
 */
import http from 'node:http'

import { PEER_ADDRESS_HEADER } from './clientAddress'

const INSTALLED = Symbol.for('hangar.peerAddressHeader')

export function installPeerAddressHeader(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string | symbol, ...args: unknown[]) => boolean }
  if (proto[INSTALLED]) return
  const emit = proto.emit
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? ''
    }
    return emit.call(this, event, ...args)
  }
  proto[INSTALLED] = true
}
