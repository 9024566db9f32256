/**
 * Membership cards (issue 15 point 5, SPEC §10): the card PDF with its QR code, the signed token
 * in it, the public key a door scanner uses, the public verify endpoint ("valid member until …" or
 * "not valid", nothing more), and check-in at an event's door with a card. Requests go through the
 * route handlers the app serves; the token is the one a member gets in their card.
 */
import { generateKeyPairSync } from 'node:crypto'

import { SignJWT, createLocalJWKSet, importJWK, jwtVerify } from 'jose'
import jsQR from 'jsqr'
import type { Payload } from 'payload'
import { createLocalReq } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Event, Membership, Rsvp, Tier, User } from '@payload-types'

import { loadPortal } from '../../app/(site)/account/portalData'
import { verifyCard } from '@/cards/cards'
import { CARD_KEY_ENV, PREVIOUS_KEYS_ENV, cardKeys } from '@/cards/keys'
import { signCardToken } from '@/cards/token'
import { addToGroup, removeFromGroup } from '@/membership/groupMembers'
import { readSettings } from '@/lib/siteRequest'
import { recordStatements } from '@/lib/statementLog'

import { NAMES_IN_OTHER_LETTERS, NAME_WITHOUT_GLYPHS, pdfQrImage, pdfText } from '../fixtures/pdf'
import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let syndicate: Tier
let organiser: { user: User; token: string }
let admin: { user: User; token: string }
const now = new Date()

const longDate = (date: Date | string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(date))

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal, organisation: syndicate, organiser } = await eventTiersAndOrganiser(payload, { name: 'Syndicate', fee: 2500, seats: 2 }))
  admin = await createUser(payload, ['admin'])
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Severn Aero Club' } })
})

afterEach(() => {
  delete process.env[CARD_KEY_ENV]
  delete process.env[PREVIOUS_KEYS_ENV]
})

/** GET with the raw bytes kept (a PDF). */
async function download(path: string, token?: string) {
  const { GET } = await import('../../app/(payload)/api/[...slug]/route')
  const url = new URL(`/api${path}`, 'http://localhost:3000')
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
  const response = await GET(new Request(url, { headers: token ? { Authorization: `JWT ${token}` } : {} }), { params: Promise.resolve({ slug }) })
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) }
}

/** The link behind the card's QR code in the PDF (the code is also a link), and the token in it. */
function linkInPdf(pdf: Uint8Array): { link: string; token: string } {
  const match = /\/URI \((http[^)]*)\)/.exec(Buffer.from(pdf).toString('latin1'))
  expect(match, 'a link on the QR code').not.toBeNull()
  const link = match![1]!.replace(/\\(.)/g, '$1')
  return { link, token: new URL(link).searchParams.get('token')! }
}

/** The member downloads their card, as from the portal, and we read the token its QR code holds. */
async function cardOf(member: { token: string; membership: Membership }) {
  const res = await download(`/memberships/${member.membership.id}/card.pdf`, member.token)
  expect(res.status).toBe(200)
  return { ...linkInPdf(res.bytes), pdf: res.bytes }
}

const verify = (token: string) => rest('GET', `/cards/verify?token=${encodeURIComponent(token)}`)

async function expectNotValid(token: string) {
  const res = await verify(token)
  expect(res.status).toBe(200)
  expect(res.body).toEqual({ valid: false, message: 'Not valid' })
}

/** A token's three parts, with one part of the payload changed and the signature kept. */
function tampered(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, body, signature] = token.split('.')
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>
  change(claims)
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.')
}

describe('the card PDF', () => {
  it('the owner downloads a PDF naming the club, the member, the tier, the number and the valid-until date, with the QR code’s link', async () => {
    const end = daysFrom(now, 120)
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: end, member: { firstName: 'Ada', lastName: 'Lovelace' } })
    await payload.update({ collection: 'memberships', id: member.membership.id, data: { membershipNumber: 'SAC-000042' }, depth: 0 })
    const res = await download(`/memberships/${member.membership.id}/card.pdf`, member.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="membership-card-SAC-000042.pdf"')
    expect(Buffer.from(res.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    const text = await pdfText(res.bytes)
    for (const shown of ['Severn Aero Club', 'Ada Lovelace', 'Personal', 'SAC-000042', longDate(end)]) expect(text).toContain(shown)
    const { link } = linkInPdf(res.bytes)
    expect(link).toMatch(/^http:\/\/localhost:3000\/verify\?token=[\w-]+\.[\w-]+\.[\w-]+$/)
    // what a scanner reads from the printed QR code is that link, and it verifies
    const image = pdfQrImage(res.bytes)
    expect(image, 'a QR code drawn on the card').not.toBeNull()
    const scanned = jsQR(image!.data, image!.width, image!.height)
    expect(scanned?.data).toBe(link)
    expect((await verify(new URL(scanned!.data).searchParams.get('token')!)).body).toMatchObject({ valid: true, message: `Valid member until ${longDate(end)}` })
  })

  it('shows a holder and a club named in Polish, Greek or Cyrillic letters exactly as written; Japanese letters still make a card that scans', async () => {
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 60) })
    const path = `/memberships/${member.membership.id}/card.pdf`
    try {
      for (const { firstName, lastName, club } of NAMES_IN_OTHER_LETTERS) {
        await payload.updateGlobal({ slug: 'settings', data: { organisationName: club } })
        await payload.update({ collection: 'users', id: member.user.id, data: { firstName, lastName }, depth: 0 })
        const res = await download(path, member.token)
        expect(res.status).toBe(200)
        const text = (await pdfText(res.bytes)).replace(/\s+/g, ' ')
        expect(text).toContain(`${firstName} ${lastName}`)
        expect(text).toContain(club)
      }
      // the font has no Japanese glyphs: the PDF is still made, with the rest of the card readable
      await payload.updateGlobal({ slug: 'settings', data: { organisationName: NAME_WITHOUT_GLYPHS.club } })
      await payload.update({ collection: 'users', id: member.user.id, data: { firstName: NAME_WITHOUT_GLYPHS.firstName, lastName: NAME_WITHOUT_GLYPHS.lastName }, depth: 0 })
      const res = await download(path, member.token)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(await pdfText(res.bytes)).toContain('VALID UNTIL')
      const image = pdfQrImage(res.bytes)
      expect(jsQR(image!.data, image!.width, image!.height)?.data).toBe(linkInPdf(res.bytes).link)
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Severn Aero Club' } })
    }
  })

  it('is refused to everyone else: another member and staff get 404, a visitor 401, and a lapsed membership has no card', async () => {
    const owner = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const other = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const path = `/memberships/${owner.membership.id}/card.pdf`
    expect((await download(path, other.token)).status).toBe(404)
    expect((await download(path, admin.token)).status).toBe(404)
    expect((await download(path, organiser.token)).status).toBe(404)
    expect((await download(path)).status).toBe(401)
    const lapsed = await memberWithMembership(payload, personal, { status: 'lapsed', periodEnd: daysFrom(now, -60) })
    expect((await download(`/memberships/${lapsed.membership.id}/card.pdf`, lapsed.token)).status).toBe(404)
    expect((await download('/memberships/99999999/card.pdf', owner.token)).status).toBe(404)
  })
})

describe('verifying a card', () => {
  it('an active member’s card is valid until the end of the paid period, and says nothing else', async () => {
    const end = daysFrom(now, 90)
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: end })
    const { token } = await cardOf(member)
    const res = await verify(token)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ valid: true, validUntil: end.toISOString(), message: `Valid member until ${longDate(end)}` })
  })

  it('checking a card reads the holder, who is a member (one statement, as everywhere) and the tier: three statements; a forged one none', async () => {
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 90) })
    const { token } = await cardOf(member)
    const good = await recordStatements(async () => verifyCard(await createLocalReq({}, payload), token))
    expect(good.result.valid).toBe(true)
    expect(good.statements.length, good.statements.join('\n')).toBeLessThanOrEqual(3)
    const forged = await recordStatements(async () => verifyCard(await createLocalReq({}, payload), tampered(token, (c) => void (c.mid = (c.mid as number) + 1))))
    expect(forged.result.valid).toBe(false)
    expect(forged.statements).toEqual([])
  })

  it('a card made in grace is valid until the grace period ends', async () => {
    const ended = daysFrom(now, -10)
    const member = await memberWithMembership(payload, personal, { status: 'grace', periodEnd: ended })
    const { token } = await cardOf(member)
    expect((await verify(token)).body).toMatchObject({ valid: true, validUntil: daysFrom(ended, 30).toISOString() })
  })

  it('the same card stops verifying at once when the membership lapses or is cancelled', async () => {
    const lapsing = await memberWithMembership(payload, personal, { status: 'grace', periodEnd: daysFrom(now, -5) })
    const lapsingCard = (await cardOf(lapsing)).token
    expect((await verify(lapsingCard)).body.valid).toBe(true)
    // the daily job's transition, as years of history would leave it
    await payload.update({ collection: 'memberships', id: lapsing.membership.id, data: { status: 'lapsed' }, depth: 0 })
    await expectNotValid(lapsingCard)

    const leaving = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 200) })
    const leavingCard = (await cardOf(leaving)).token
    expect((await verify(leavingCard)).body.valid).toBe(true)
    const cancelled = await rest('POST', `/memberships/${leaving.membership.id}/transition`, { token: admin.token, body: { to: 'cancelled', reason: 'Moved abroad' } })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    await expectNotValid(leavingCard)
  })

  it('a seat holder’s card holds while they hold the seat, and stops when the seat is taken away', async () => {
    const contact = await memberWithMembership(payload, syndicate, { status: 'active', periodEnd: daysFrom(now, 150) })
    const pilot = await createUser(payload, ['member'], { firstName: 'Pat', lastName: 'Pilot' })
    await addToGroup(payload, contact.user, { membership: contact.membership.id, email: pilot.user.email, kind: 'organisation' })
    const res = await download(`/memberships/${contact.membership.id}/card.pdf`, pilot.token)
    expect(res.status).toBe(200)
    const text = (await pdfText(res.bytes)).replace(/\s+/g, ' ')
    expect(text).toContain('Pat Pilot')
    expect(text).toContain('Syndicate, seat of Test Organisation Ltd')
    const { token } = linkInPdf(res.bytes)
    expect((await verify(token)).body.valid).toBe(true)
    await removeFromGroup(payload, contact.user, { membership: contact.membership.id, email: pilot.user.email, kind: 'organisation' })
    await expectNotValid(token)
  })

  it('a forged signature, a token signed by another key, a tampered payload, an expired token and junk are not valid', async () => {
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 300) })
    const other = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 300) })
    const { token } = await cardOf(member)
    expect((await verify(token)).body.valid).toBe(true)

    const [header, body, signature] = token.split('.')
    const flipped = `${signature!.slice(0, 10)}${signature![10] === 'A' ? 'B' : 'A'}${signature!.slice(11)}`
    await expectNotValid([header, body, flipped].join('.'))

    // someone else's key, even under our key id
    const { privateKey } = generateKeyPairSync('ed25519')
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'))
    const kid = cardKeys().publicJwk.kid
    await expectNotValid(await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey))
    // another member's card made out of this one, a later expiry, or another holder
    await expectNotValid(tampered(token, (c) => void (c.sub = String(other.user.id))))
    await expectNotValid(tampered(token, (c) => void (c.exp = (c.exp as number) + 365 * 86_400)))
    // unsigned ("alg": "none") with the same claims
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${body}.`
    await expectNotValid(none)
    // a genuine signature whose time is up (the membership itself is still active)
    const expired = await signCardToken(cardKeys(), {
      holder: member.user.id,
      membership: member.membership.id,
      membershipNumber: null,
      name: 'Test member',
      validUntil: daysFrom(now, -1),
    })
    await expectNotValid(expired)
    for (const junk of ['not-a-token', 'a.b.c', `${'x'.repeat(3000)}.y.z`, '%00']) {
      const res = await verify(junk)
      expect(res.status, junk).toBeLessThan(500)
      if (res.status === 200) expect(res.body).toEqual({ valid: false, message: 'Not valid' })
    }
    const missing = await rest('GET', '/cards/verify')
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toMatch(/token/)
  })

  it('the published public key verifies a card with jose alone, as a door scanner would', async () => {
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 60), member: { firstName: 'Grace', lastName: 'Hopper' } })
    const { token } = await cardOf(member)
    const res = await rest('GET', '/cards/keys')
    expect(res.status).toBe(200)
    expect(res.body.keys).toHaveLength(1)
    const [jwk] = res.body.keys
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' })
    expect(jwk).not.toHaveProperty('d') // never the private part
    const scanned = await jwtVerify(token, createLocalJWKSet(res.body), { algorithms: ['EdDSA'] })
    expect(scanned.payload).toMatchObject({ sub: String(member.user.id), mid: member.membership.id, name: 'Grace Hopper', exp: Math.floor(daysFrom(now, 60).getTime() / 1000) })
    await expect(jwtVerify(tampered(token, (c) => void (c.name = 'Someone Else')), await importJWK(jwk, 'EdDSA'))).rejects.toThrow()
  })

  it('a key in CARD_SIGNING_KEY signs and is published instead; CARD_PREVIOUS_KEYS keeps earlier cards verifying; a key that is not Ed25519 turns the card features off with 503', async () => {
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 60) })
    const before = (await cardOf(member)).token
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    process.env[CARD_KEY_ENV] = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString().replace(/\n/g, '\\n')
    const published = (await rest('GET', '/cards/keys')).body.keys[0]
    expect(published.x).toBe((publicKey.export({ format: 'jwk' }) as { x: string }).x)
    // the development key's cards are not ours any more
    await expectNotValid(before)
    const after = (await cardOf(member)).token
    expect((await verify(after)).body.valid).toBe(true)

    // the key changes again, with the old key set kept for verifying: cards already out still verify
    const oldSet = (await rest('GET', '/cards/keys')).body
    process.env[CARD_KEY_ENV] = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    await expectNotValid(after)
    process.env[PREVIOUS_KEYS_ENV] = JSON.stringify(oldSet)
    const both = (await rest('GET', '/cards/keys')).body.keys
    expect(both).toHaveLength(2)
    expect(both[1]).toEqual(published)
    expect((await verify(after)).body.valid).toBe(true)
    const renewed = (await cardOf(member)).token
    expect(JSON.parse(Buffer.from(renewed.split('.')[0]!, 'base64url').toString()).kid).toBe(both[0].kid)
    expect((await jwtVerify(after, createLocalJWKSet({ keys: both }))).payload.sub).toBe(String(member.user.id))
    delete process.env[PREVIOUS_KEYS_ENV]

    process.env[CARD_KEY_ENV] = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    for (const res of [await rest('GET', '/cards/keys'), await verify(after)]) {
      expect(res.status).toBe(503)
      expect(res.body.errors[0].message).toMatch(/CARD_SIGNING_KEY/)
    }
    expect((await download(`/memberships/${member.membership.id}/card.pdf`, member.token)).status).toBe(503)
  })
})

describe('the card in the portal', () => {
  it('lists a card for the member’s active membership and for a seat, none for a lapsed one', async () => {
    const me = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 80) })
    const old = await memberWithMembership(payload, personal, { status: 'lapsed', periodEnd: daysFrom(now, -100) })
    const contact = await memberWithMembership(payload, syndicate, { status: 'grace', periodEnd: daysFrom(now, -3) })
    await addToGroup(payload, contact.user, { membership: contact.membership.id, email: me.user.email, kind: 'organisation' })
    const settings = await readSettings(payload)
    const page = await loadPortal(await createLocalReq({ user: { ...me.user, collection: 'users' } as never }, payload), settings)
    expect(page.cards.map((card) => ({ membership: card.membership, tier: card.tierName, via: card.via, until: card.validUntil.toISOString() }))).toEqual(
      expect.arrayContaining([
        { membership: me.membership.id, tier: 'Personal', via: 'own', until: daysFrom(now, 80).toISOString() },
        { membership: contact.membership.id, tier: 'Syndicate', via: 'seat', until: daysFrom(daysFrom(now, -3), 30).toISOString() },
      ]),
    )
    expect(page.cards).toHaveLength(2)
    const lapsedPage = await loadPortal(await createLocalReq({ user: { ...old.user, collection: 'users' } as never }, payload), settings)
    expect(lapsedPage.cards).toEqual([])
  })
})

describe('check-in with a card', () => {
  let door: Event
  beforeAll(async () => {
    const res = await rest('POST', '/events?depth=0', {
      token: organiser.token,
      body: { title: 'Spring fly-in', startsAt: daysFrom(now, 14).toISOString(), status: 'published', audience: 'members' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    door = res.body.doc as Event
  })
  const checkIn = (body: Record<string, unknown>, token = organiser.token) => rest('POST', '/rsvps/check-in', { token, body })

  it('checks in a member going to the event once (the scanned link or the bare token), and refuses one who has not replied', async () => {
    const going = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100), member: { firstName: 'Dana', lastName: 'Door' } })
    const reply = await rest('POST', '/rsvps?depth=0', { token: going.token, body: { event: door.id } })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect((reply.body.doc as Rsvp).status).toBe('going')
    const { link, token } = await cardOf(going)

    const first = await checkIn({ token: link, event: door.id })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body).toMatchObject({ alreadyCheckedIn: false, message: 'Dana Door checked in.', rsvp: { id: reply.body.doc.id } })
    const stored = (await payload.findByID({ collection: 'rsvps', id: reply.body.doc.id, depth: 0 })) as Rsvp
    expect(stored.checkedInAt).toBeTruthy()
    const again = await checkIn({ token, event: door.id })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, message: 'Dana Door was already checked in.', rsvp: { checkedInAt: stored.checkedInAt } })

    const stranger = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100), member: { firstName: 'Sam', lastName: 'Stranger' } })
    const refused = await checkIn({ token: (await cardOf(stranger)).token, event: door.id })
    expect(refused.status).toBe(404)
    expect(refused.body.errors[0].message).toBe('Sam Stranger has not replied to this event, so cannot be checked in with their card.')
  })

  it('needs the door’s event, a valid card, and a member of the events team', async () => {
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    expect((await rest('POST', '/rsvps?depth=0', { token: member.token, body: { event: door.id } })).status).toBe(201)
    const { token } = await cardOf(member)
    const noDoor = await checkIn({ token })
    expect(noDoor.status).toBe(400)
    expect(noDoor.body.errors[0].message).toMatch(/which event/)
    expect((await checkIn({ token, event: door.id }, member.token)).status).toBe(403)

    await payload.update({ collection: 'memberships', id: member.membership.id, data: { status: 'cancelled' }, depth: 0 })
    const lapsed = await checkIn({ token, event: door.id })
    expect(lapsed.status).toBe(400)
    expect(lapsed.body.errors[0].message).toBe('This membership card is not valid.')
    expect((await payload.find({ collection: 'rsvps', where: { member: { equals: member.user.id } }, depth: 0 })).docs[0]!.checkedInAt).toBeFalsy()
  })
})

describe('throttling', () => {
  it('the same card checked too often in a minute is answered 429 with Retry-After', async () => {
    const member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const { token } = await cardOf(member)
    let last = await verify(token)
    for (let i = 0; i < 40 && last.status === 200; i++) last = await verify(token)
    expect(last.status).toBe(429)
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(last.body.errors[0].message).toMatch(/Too many attempts/)
  })
})
