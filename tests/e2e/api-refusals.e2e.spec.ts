/**
 * Refusals as the production build answers them (the int suite runs Payload unbundled, where
 * error classes keep their names): a refused filter says why, with its 4xx, in Payload's error
 * shape; nothing a visitor can put in a query string is a 500. Needs no account and no browser.
 */
import { describe, expect, it } from 'vitest'

import { BASE_URL } from './helpers/browser'

async function get(path: string) {
  const response = await fetch(`${BASE_URL}/api${path}`)
  return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string }> } }
}

describe('the REST API refuses bad queries with their reason, in production', () => {
  it("a filter into something a visitor cannot read: 403, and the query guard's reason", async () => {
    const answer = await get('/events?where[proposedBy.email][exists]=true')
    expect(answer.status).toBe(403)
    expect(answer.body.errors?.[0]?.message).toMatch(/proposedBy\.email/)
  })

  it('an operator that does not apply, a value that is not an option: 400 naming the filter', async () => {
    const like = await get('/events?where[startsAt][like]=2026')
    expect(like.status).toBe(400)
    expect(JSON.stringify(like.body)).toMatch(/startsAt like does not apply to a date field/)
    const option = await get('/events?where[type][equals]=picnic')
    expect(option.status).toBe(400)
    expect(JSON.stringify(option.body)).toMatch(/type equals names a value that is not one of its options/)
  })

  it('paging given twice or as an object: 400, not the database failing on it', async () => {
    for (const query of ['limit=5&limit=6', 'limit[a]=1', 'page[]=1&page[]=2']) {
      const answer = await get(`/events?${query}`)
      expect(answer.status, query).toBe(400)
      expect(answer.body.errors?.[0]?.message, query).toMatch(/must be given once/)
    }
  })
})
