/**
 * Run once per test run by globalSetup, as its own process: boots Payload on the run's template
 * database so the schema is pushed and the start-up data (email templates, volunteer roles)
 * is in place. Each test file then starts from a copy of it instead of pushing the schema again.
 */
import { getPayload } from 'payload'

const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
await payload.destroy()
process.exit(0)
