/**
 * package.json's `engines.node` is the Node range a newcomer is told to use (README): every
 * version in it must be one that every dependency (and what those pull in) says it runs on, and
 * the Node this suite runs on must be in it.
 */
import fs from 'node:fs'
import path from 'node:path'

import semver from 'semver'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'))
const pkg = readJson(path.join(root, 'package.json'))
const ours: string = pkg.engines.node

/** Every installed package's declared Node range, nested ones included. */
function installedEngines(dir: string, found: Map<string, string> = new Map()): Map<string, string> {
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('.')) continue
    const entry = path.join(dir, name)
    if (name.startsWith('@')) {
      installedEngines(entry, found)
      continue
    }
    const manifest = path.join(entry, 'package.json')
    if (!fs.existsSync(manifest)) continue
    const { engines, version } = readJson(manifest)
    if (typeof engines?.node === 'string') found.set(`${path.relative(root, entry)}@${version}`, engines.node)
    const nested = path.join(entry, 'node_modules')
    if (fs.existsSync(nested)) installedEngines(nested, found)
  }
  return found
}

describe('Node runtime', () => {
  it('engines.node only allows versions every installed package accepts', () => {
    const engines = installedEngines(path.join(root, 'node_modules'))
    expect(engines.size).toBeGreaterThan(50)
    const refusing = [...engines].filter(([, range]) => semver.validRange(range) && !semver.subset(ours, range))
    expect(refusing, `${ours} allows Node versions these packages do not accept`).toEqual([])
  })

  it('does not demand more than the dependencies do, and Node 20 (end of life) only from 20.19', () => {
    expect(semver.satisfies('20.18.3', ours)).toBe(false)
    expect(semver.satisfies('20.19.0', ours)).toBe(true)
    expect(semver.satisfies('22.13.0', ours)).toBe(true)
    expect(semver.satisfies('24.0.0', ours)).toBe(true)
  })

  it('the Node running the tests is one package.json allows', () => {
    expect(semver.satisfies(process.versions.node, ours), `Node ${process.versions.node} is outside ${ours}`).toBe(true)
  })

  it('the Docker image and .nvmrc use Node 22 LTS', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1])
    expect(images.length).toBeGreaterThan(0)
    for (const image of images) expect(image).toMatch(/^node:22-/)
    expect(semver.satisfies(`${fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim()}.13.0`, ours)).toBe(true)
  })
})
