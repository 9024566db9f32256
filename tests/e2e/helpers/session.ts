/**
 * What most end-to-end files do before their story starts: check an API answer's status (with the
 * body in the failure message) and sign a browser page in through the REST login, which sets the
 * same session cookie the sign-in form does.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

import { browserFetch } from './browser'

/** The answer's body, once its status is the one expected (201 unless told). */
export async function ok(response: Promise<{ status: number; body: any }>, status = 201) {
  const res = await response
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res.body
}

/** Signs the page's browser context in as `who`. */
export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/')
  await ok(browserFetch(page, 'POST', '/api/users/login', { email: who.email, password: who.password }), 200)
}
