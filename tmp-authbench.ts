import { getPayload } from 'payload'
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
const user = await payload.create({ collection: 'users', data: { email: `b${Date.now()}@x.org`, password: 'correct-horse-battery-x', firstName: 'A', lastName: 'B', roles: ['member'] } as never })
const time = async (label: string, fn: () => Promise<unknown>) => { for (let i = 0; i < 20; i++) await fn(); const t = performance.now(); for (let i = 0; i < 300; i++) await fn(); console.log(label, ((performance.now() - t) / 300).toFixed(2), 'ms') }
await time('findByID depth0 full', () => payload.findByID({ collection: 'users', id: user.id, depth: 0 }))
await time('findByID select few', () => payload.findByID({ collection: 'users', id: user.id, depth: 0, select: { email: true, roles: true, firstName: true, lastName: true, sessions: true } as never }))
await time('find events limit 10', () => payload.find({ collection: 'events', limit: 10, depth: 0 }))
await payload.destroy()
process.exit(0)
