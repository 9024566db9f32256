/**
 * Runs the Square fake as a process of its own, for `npm run test:e2e`: the production server
 * under test calls it instead of Square. Prints `listening <url>` once ready.
 */
import { startSquareFake } from './square'

const fake = await startSquareFake(Number(process.env.SQUARE_FAKE_PORT) || 0)
console.info(`listening ${fake.url}`)
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)))
