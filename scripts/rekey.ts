/**
 * `npm run data:rekey`: seals every encrypted personal field (phone, address, date of birth) under
 * the current DATA_ENCRYPTION_KEY: after a key rotation (the old key in
 * DATA_ENCRYPTION_PREVIOUS_KEYS) and once after upgrading, for values stored in plain text before.
 * Safe while the site runs and to run again; prints what it did. See README, *Encryption at rest*,
 * and src/privacy/rekey.ts.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { rekeyPersonalData } from '../src/privacy/rekey'

const payload = await getPayload({ config })
let failed = false
try {
  const report = await rekeyPersonalData(payload, { log: (line) => console.info(line) })
  for (const [collection, counts] of Object.entries(report.collections)) {
    console.info(
      `${collection}: ${counts.rows} row(s) needed work; ${counts.resealed} value(s) sealed under key ${report.keyId} (${counts.fromPlainText} of them were plain text); ${counts.unreadable} could not be opened`,
    )
    if (counts.unreadable > 0) failed = true
  }
  if (failed) {
    console.error(`Some values could not be opened and were left as they are: keep their key in DATA_ENCRYPTION_PREVIOUS_KEYS (the log names its id) and run this again.`)
  } else {
    console.info(`Every encrypted value is now sealed under key ${report.keyId}; keys in DATA_ENCRYPTION_PREVIOUS_KEYS are no longer needed.`)
  }
} finally {
  await payload.destroy()
}
process.exit(failed ? 1 : 0)
