/**
 * `npm run dev` as a newcomer runs it in a terminal: it stays in the foreground while the site
 * answers, and Ctrl-C (SIGINT to the terminal's whole foreground process group) stops every
 * process it started and frees the port. Embedded SQLite only: that is what `npm run dev` seeds.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { isPostgresUrl } from '@/lib/env'

const onPostgres = isPostgresUrl(process.env.DATABASE_URL ?? '')
const root = path.resolve(import.meta.dirname, '../..')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Whether a process group still has a member (signal 0 only checks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw error
  }
}

/** Whether something still listens on the port: can this process listen on it? */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(true))
    server.listen(port, () => server.close(() => resolve(false)))
  })
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`timed out waiting for ${what}; output so far:\n${output().slice(-4000)}`)
}

describe.skipIf(onPostgres)('npm run dev', () => {
  let dev: ChildProcess | undefined
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-dev-server-'))

  afterAll(() => {
    // never leave a dev server behind, whatever the test found
    if (dev?.pid && groupAlive(dev.pid)) process.kill(-dev.pid, 'SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('stays in the foreground until Ctrl-C, then stops everything it started and frees the port', async () => {
    const port = await freePort()
    // as a shell would start it: not in vitest's test mode
    const { NODE_ENV: _testMode, DATABASE_PUSH: _fromTheTestTemplate, ...inherited } = process.env
    const child = spawn('npm', ['run', 'dev'], {
      cwd: root,
      // its own process group, as a terminal gives a foreground job
      detached: true,
      env: {
        ...inherited,
        DATABASE_URL: `file:${path.join(dir, 'dev.db')}`,
        EMAIL_DIR: path.join(dir, 'mail'),
        PORT: String(port),
        PAYLOAD_SECRET: 'dev-server-test',
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    dev = child
    const pgid = child.pid!
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    let exited = false
    child.on('exit', () => (exited = true))

    // first start: the demo is seeded, then next dev compiles the home page (slow on a small machine)
    await waitFor(
      'the home page',
      async () => {
        if (exited) throw new Error(`npm run dev ended before the site answered:\n${output.slice(-4000)}`)
        const response = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined)
        return response?.status === 200
      },
      240_000,
      () => output,
    )
    expect(output).toContain('demo data is ready')
    expect(output).toMatch(/admin@hangar\.test\s+hangar-admin-demo/)

    // still in the foreground: the command has not returned to the prompt
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(exited).toBe(false)
    expect(child.exitCode).toBeNull()

    process.kill(-pgid, 'SIGINT')
    await waitFor('every process of npm run dev to end', () => !groupAlive(pgid), 20_000, () => output)
    expect(exited).toBe(true)
    expect(await portTaken(port)).toBe(false)
  }, 300_000)
})
