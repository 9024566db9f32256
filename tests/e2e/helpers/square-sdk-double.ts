/**
 * TEST DOUBLE of Square's Web Payments SDK, for the browser only. The real SDK loads from
 * squarecdn.com, which tests cannot reach, so the e2e tests answer that script request with
 * this stand-in. It draws a card-number field and "tokenizes" it into one of Square's sandbox
 * test nonces; everything after the token (our endpoint, the Square API calls, the ledger,
 * the membership) is the real code path, with tests/fakes/square.ts playing Square's API.
 */
import type { Page } from 'playwright-core'

export const SQUARE_SDK_URL = 'https://sandbox.web.squarecdn.com/v1/square.js'

/** Card numbers the double understands, and the nonce Square's sandbox would return for each. */
export const TEST_CARDS = { ok: '4111 1111 1111 1111', declined: '4000 0000 0000 0002' } as const

const script = `
(() => {
  const nonces = { '4111111111111111': 'cnon:card-nonce-ok', '4000000000000002': 'cnon:card-nonce-declined' };
  window.Square = {
    payments(applicationId, locationId) {
      if (!applicationId || !locationId) throw new Error('applicationId and locationId are required');
      return {
        async card() {
          let input;
          return {
            async attach(selector) {
              const host = document.querySelector(selector);
              host.innerHTML = '<label>Card number <input id="sq-double-card" autocomplete="cc-number" /></label>';
              input = host.querySelector('input');
            },
            async tokenize() {
              const digits = (input && input.value || '').replace(/\\D/g, '');
              if (digits.length < 12) return { status: 'Invalid', errors: [{ message: 'Card number is not valid.' }] };
              return { status: 'OK', token: nonces[digits] || 'cnon:card-nonce-ok' };
            },
          };
        },
      };
    },
  };
})();
`

/** Serves the double in place of Square's SDK for this page. */
export async function useSquareSdkDouble(page: Page): Promise<void> {
  await page.route(SQUARE_SDK_URL, (route) => route.fulfill({ status: 200, contentType: 'application/javascript', body: script }))
}

/** Makes Square's SDK unreachable for this page, as when offline or blocked. */
export async function blockSquareSdk(page: Page): Promise<void> {
  await page.route(SQUARE_SDK_URL, (route) => route.abort('internetdisconnected'))
}
