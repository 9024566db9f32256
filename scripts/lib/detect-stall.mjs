/**
 * Preloaded into the Payload CLI process by scripts/payload.mjs. The CLI always ends with an
 * explicit process.exit(); if the process instead ends because nothing is left to run, the
 * TypeScript loader stalled before the command did anything (see payload.mjs). Report that
 * as exit code 75 so the wrapper can try again.
 */
import { isMainThread } from 'node:worker_threads'

export const STALLED_EXIT_CODE = 75

if (isMainThread) {
  const exit = process.exit.bind(process)
  let exitedOnPurpose = false
  process.exit = (code) => {
    exitedOnPurpose = true
    return exit(code)
  }
  process.on('exit', (code) => {
    if (!exitedOnPurpose && (code === 0 || code === 13)) {
      process.exitCode = STALLED_EXIT_CODE
    }
  })
}
