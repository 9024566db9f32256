#!/usr/bin/env node
/**
 * Runs the Payload CLI (`payload migrate`, `payload run scripts/x.ts`, ...) reliably.
 *
 * On Node 20, tsx loads TypeScript through asynchronous module hooks, and loading a large
 * import graph (our config) sometimes never settles: the process then ends quietly, exit
 * code 0 or 13, having done nothing. That is a Node/tsx loader fault (Payload's own repo
 * retries around it too). A preload marks such an ending with code 75, and this wrapper runs
 * the command again; a command that really ran, or was interrupted (Ctrl-C, SIGTERM), is never
 * repeated.
 */
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const payloadBin = path.join(root, 'node_modules', 'payload', 'bin.js')
const preload = path.join(root, 'scripts', 'lib', 'detect-stall.mjs')
const STALLED = 75
const ATTEMPTS = 6

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']

// `npm run dev` starts this script directly (a cross-env in between would not notice npm going):
// the settings it would have made are made here, for this script's own commands.
process.env.NEXT_TELEMETRY_DISABLED ??= '1'
if (!/--no-deprecation/.test(process.env.NODE_OPTIONS ?? '')) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --no-deprecation`.trim()
}

// npm passes a SIGTERM on to the shell it runs the script in, and that shell ends without passing
// it on: this process is then left without its parent. Treat that as being told to stop.
const parentAtStart = process.ppid
const orphanWatch = setInterval(() => {
  if (process.ppid !== parentAtStart) {
    clearInterval(orphanWatch)
    interruptedBy ??= 'SIGTERM'
    process.emit('SIGTERM', 'SIGTERM')
  }
}, 500)
orphanWatch.unref()
// set once this wrapper is told to stop: a run that ends after that was interrupted, not stalled
let interruptedBy = null

function runOnce() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', preload, payloadBin, ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    })
    // A Ctrl-C reaches the whole process group; a SIGTERM to npm reaches only this wrapper's
    // chain, so it is passed on. Either way the wrapper waits for the command to finish.
    const forward = (signal) => {
      interruptedBy = signal
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    }
    for (const signal of SIGNALS) process.on(signal, forward)
    child.on('error', (error) => {
      console.error(`[payload] could not start the Payload CLI: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      for (const s of SIGNALS) process.off(s, forward)
      if (signal) interruptedBy ??= signal
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 0))
    })
  })
}

for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
  const code = await runOnce()
  if (interruptedBy) process.exit(code === STALLED ? 128 + os.constants.signals[interruptedBy] : code)
  if (code !== STALLED) process.exit(code)
  console.error(`[payload] the TypeScript loader stalled before the command ran; trying again (${attempt}/${ATTEMPTS - 1})`)
}
console.error('[payload] gave up: the command never got past loading the config.')
process.exit(1)
