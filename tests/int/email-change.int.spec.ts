/**
 * A member changes their own details (issue 15, point 1): name, phone and address as themselves;
 * the email address only through a link sent to the new address (src/security/emailChange.ts).
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Notification, User } from '@payload-types'

import { confirmEmailChange, findEmailChange, requestEmailChange } from '@/security/emailChange'

import { bootPayload, createUser, PASSWORD, rest, uniqueEmail } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

const mailTo = async (email: string, template: string) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email } }, { template: { equals: template } }] }, depth: 0, sort: '-createdAt' }))
    .docs as Notification[]
const tokenIn = (mail: Notification | undefined) => /\/account\/confirm-email\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1]
const stored = (id: number) => payload.findByID({ collection: 'users', id, depth: 0 }) as Promise<User>
const signsIn = (email: string) =>
  payload.login({ collection: 'users', data: { email, password: PASSWORD } }).then(
    () => true,
    () => false,
  )

describe('changing the email address', () => {
  it('changes nothing until the new address confirms; then the account moves, once, and the old address is told', async () => {
    const { user } = await createUser(payload, ['member'])
    const next = uniqueEmail('moved')
    expect(await requestEmailChange(payload, user, `  ${next.toUpperCase()} `)).toBe(next)
    expect((await stored(user.id)).email).toBe(user.email)
    expect(await signsIn(user.email)).toBe(true)

    const [mail] = await mailTo(next, 'email-change-confirm')
    const token = tokenIn(mail)
    expect(token).toBeTruthy()
    expect(mail!.text).not.toContain(user.email)
    expect((await findEmailChange(payload, token))?.email).toBe(next)

    // pressed twice at once: one confirms, the other finds the link used up
    const presses = await Promise.allSettled([confirmEmailChange(payload, token), confirmEmailChange(payload, token)])
    expect(presses.map((p) => p.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(await mailTo(user.email, 'email-changed')).toHaveLength(1)
    expect((await stored(user.id)).email).toBe(next)
    expect(await signsIn(next)).toBe(true)
    expect(await signsIn(user.email)).toBe(false)
    const [told] = await mailTo(user.email, 'email-changed')
    expect(told!.text).toContain(next)
    // the link is used up
    await expect(confirmEmailChange(payload, token)).rejects.toMatchObject({ status: 404 })
    expect(await findEmailChange(payload, token)).toBeNull()
  })

  it('a newer request replaces the older link; an expired link does nothing', async () => {
    const { user } = await createUser(payload, ['member'])
    const first = uniqueEmail('first')
    const second = uniqueEmail('second')
    await requestEmailChange(payload, user, first)
    await requestEmailChange(payload, user, second)
    const firstToken = tokenIn((await mailTo(first, 'email-change-confirm'))[0])
    const secondToken = tokenIn((await mailTo(second, 'email-change-confirm'))[0])
    await expect(confirmEmailChange(payload, firstToken)).rejects.toMatchObject({ status: 404 })
    expect((await stored(user.id)).email).toBe(user.email)

    await payload.update({ collection: 'users', id: user.id, data: { emailChangeExpiresAt: new Date(Date.now() - 60_000).toISOString() } as never, overrideAccess: true })
    await expect(confirmEmailChange(payload, secondToken)).rejects.toMatchObject({ status: 404 })
    expect((await stored(user.id)).email).toBe(user.email)
  })

  it('refuses an address that is not an email, the current one, and one taken by another account by the time it is confirmed', async () => {
    const { user } = await createUser(payload, ['member'])
    await expect(requestEmailChange(payload, user, 'not an email')).rejects.toMatchObject({ status: 400 })
    await expect(requestEmailChange(payload, user, user.email.toUpperCase())).rejects.toMatchObject({ status: 400 })

    const wanted = uniqueEmail('wanted')
    await requestEmailChange(payload, user, wanted)
    const token = tokenIn((await mailTo(wanted, 'email-change-confirm'))[0])
    await createUser(payload, ['member'], { email: wanted })
    await expect(confirmEmailChange(payload, token)).rejects.toMatchObject({ status: 409 })
    expect((await stored(user.id)).email).toBe(user.email)
  })

  it('a member cannot change their email, or plant a pending change, through the API; staff who manage people can', async () => {
    const { user, token } = await createUser(payload, ['member'])
    const { token: admin } = await createUser(payload, ['admin'])
    const elsewhere = uniqueEmail('elsewhere')
    const direct = await rest('PATCH', `/users/${user.id}`, { token, body: { email: elsewhere } })
    expect(direct.status).toBe(403)
    expect(direct.body.errors[0].message).toMatch(/profile page/)
    expect((await stored(user.id)).email).toBe(user.email)

    // the request's fields are the system's: whatever is sent for them is dropped
    const planted = await rest('PATCH', `/users/${user.id}`, {
      token,
      body: { pendingEmail: elsewhere, emailChangeTokenHash: 'a'.repeat(64), emailChangeExpiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    })
    expect(planted.status).toBe(200)
    expect(planted.body.doc).not.toHaveProperty('pendingEmail')
    expect(planted.body.doc).not.toHaveProperty('emailChangeTokenHash')
    const raw = await payload.findByID({ collection: 'users', id: user.id, depth: 0, showHiddenFields: true })
    expect(raw).toMatchObject({ pendingEmail: null, emailChangeTokenHash: null })
    // nor can anyone filter on them
    expect((await rest('GET', `/users?where[emailChangeTokenHash][exists]=true`, { token: admin })).status).toBeGreaterThanOrEqual(400)

    const byAdmin = await rest('PATCH', `/users/${user.id}`, { token: admin, body: { email: elsewhere } })
    expect(byAdmin.status).toBe(200)
    expect((await stored(user.id)).email).toBe(elsewhere)
  })
})

describe('editing one’s own details', () => {
  it('saves name, phone and address as the member, and refuses a bad phone or postcode naming the field', async () => {
    const { user, token } = await createUser(payload, ['member'])
    const saved = await rest('PATCH', `/users/${user.id}?depth=0`, {
      token,
      body: { firstName: 'Robin', phone: '029 2018 0101', address: { line1: '1 Runway Road', town: 'Oxford', postcode: 'ox1 2jd', country: 'United Kingdom' } },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.doc).toMatchObject({ firstName: 'Robin', address: { line1: '1 Runway Road', town: 'Oxford' } })
    expect(saved.body.doc.address.postcode).toBe('OX1 2JD')

    const badPhone = await rest('PATCH', `/users/${user.id}`, { token, body: { phone: 'call me maybe' } })
    expect(badPhone.status).toBe(400)
    expect(badPhone.body.errors[0].data.errors[0].path).toBe('phone')
    const badPostcode = await rest('PATCH', `/users/${user.id}`, { token, body: { address: { postcode: 'NOT A POSTCODE', country: 'United Kingdom' } } })
    expect(badPostcode.status).toBe(400)
    expect(JSON.stringify(badPostcode.body)).toContain('address.postcode')
    expect((await stored(user.id)).phone).toBe(saved.body.doc.phone)
  })
})
