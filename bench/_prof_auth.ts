import { getPayload } from 'payload'
import config from '@payload-config'
import { recordStatements } from '@/lib/statementLog'
const payload = await getPayload({ config })
const { user } = await payload.login({ collection: 'users', data: { email: 'm1@bench.example.org', password: 'Scale bench: correct horse battery staple 14' } })
const { statements } = await recordStatements(() => payload.findByID({ collection: 'users', id: user!.id, depth: 0 }))
console.log(statements.join('\n'))
console.log(payload.collections.users.config.auth.depth, payload.collections.users.config.auth.useSessions)
process.exit(0)
