/**
 * The volunteering forms call Payload's REST API from the browser with the member's session
 * cookie. A refusal comes back as `{ errors: [{ message }] }`: that message is what the member
 * is shown, as the server worded it.
 */
export type ApiOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; message: string }

type ErrorBody = { errors?: Array<{ message?: string; data?: { errors?: Array<{ message?: string }> } }> }

export async function callApi(url: string, init: { method: 'POST' | 'PATCH'; json?: unknown; form?: FormData }): Promise<ApiOutcome> {
  let res: Response
  try {
    res = await fetch(url, {
      method: init.method,
      credentials: 'include',
      headers: init.form ? undefined : { 'Content-Type': 'application/json' },
      body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    })
  } catch {
    return { ok: false, message: 'We could not reach the server. Check your connection and try again.' }
  }
  const body = (await res.json().catch(() => null)) as ErrorBody | null
  if (res.ok) return { ok: true, body: (body ?? {}) as Record<string, unknown> }
  // Payload's validation errors say only "The following field is invalid: file"; the reason
  // ("File type text/plain is not allowed.") is in their details
  const first = body?.errors?.[0]
  const details = (first?.data?.errors ?? []).map((e) => e.message).filter(Boolean)
  const message = details.length > 0 ? details.join(' ') : first?.message
  if (message) return { ok: false, message }
  if (res.status === 401 || res.status === 403) return { ok: false, message: 'Your session has ended: sign in again.' }
  return { ok: false, message: `Something went wrong (error ${res.status}). Please try again.` }
}
