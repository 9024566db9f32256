#!/usr/bin/env node
/**
 * Runs the Payload CLI (`payload migrate`, `payload run scripts/x.ts`, ...) reliably.
 *
 * On Node 20, tsx loads TypeScript through asynchronous module hooks, and loading a large
 * import graph (our config) sometimes never settles: the process then ends quietly, exit
 * code 0 or 13, having done nothing. That is a Node/tsx loader fault (Payload's own repo
 * retries around it too). A preload marks such an ending with code 75, and this wrapper runs
 * the command again; a command that really ran is never repeated.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const payloadBin = path.join(root, 'node_modules', 'payload', 'bin.js')
const preload = path.join(root, 'scripts', 'lib', 'detect-stall.mjs')
const STALLED = 75
const ATTEMPTS = 6

function runOnce() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', preload, payloadBin, ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
  const code = await runOnce()
  if (code !== STALLED) process.exit(code)
  console.error(`[payload] the TypeScript loader stalled before the command ran; trying again (${attempt}/${ATTEMPTS - 1})`)
}
console.error('[payload] gave up: the command never got past loading the config.')
process.exit(1)
