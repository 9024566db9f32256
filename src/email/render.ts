/**
 * Renders an email template (SPEC §4) into a subject, a plain-text body and an HTML body.
 *
 * Templates are edited by admins and variables often hold text typed by members, so rendering
 * treats both as untrusted:
 * - Variables are reduced to plain data first (strings, numbers, booleans, null, arrays, plain
 *   objects, to a fixed depth). Functions would be mustache lambdas and getters would run code,
 *   so they are dropped; `Date`s and class instances too (callers pass formatted text).
 * - Names are looked up in own properties only, so `{{member.constructor}}` or
 *   `{{reason.toString}}` cannot reach prototypes and their methods.
 * - Partials (`{{> name}}`) render nothing; no partial source is ever consulted.
 * - In the HTML body every value is escaped, including `{{{x}}}` and `{{& x}}`, and so is the
 *   template's own text: an admin's `<script>` shows as text.
 * Unknown variables render empty, as mustache does.
 */
import Mustache from 'mustache'

export type RenderedEmail = { subject: string; text: string; html: string }

export type EmailTemplateSource = { subject: string; body: string }

export const MAX_SUBJECT_LENGTH = 200

/** Nesting deeper than this is dropped; templates use two or three levels. */
const MAX_DEPTH = 8
const MAX_ARRAY_ITEMS = 1000

type PlainData = null | string | number | boolean | PlainData[] | { [key: string]: PlainData }

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value)
  return prototype === null || prototype === Object.prototype
}

/** A copy of `value` holding only plain data; `undefined` for anything that is not. */
function toPlainData(value: unknown, depth: number): PlainData | undefined {
  if (value === null) return null
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : undefined
    case 'object':
      break
    default:
      // functions (mustache lambdas), symbols, bigints, undefined
      return undefined
  }
  if (depth >= MAX_DEPTH) return undefined

  if (Array.isArray(value)) {
    const items: PlainData[] = []
    const length = Math.min(value.length, MAX_ARRAY_ITEMS)
    for (let index = 0; index < length; index++) {
      // read descriptors, never through getters
      const descriptor = Object.getOwnPropertyDescriptor(value, index)
      if (!descriptor || !('value' in descriptor)) continue
      const item = toPlainData(descriptor.value, depth + 1)
      if (item !== undefined) items.push(item)
    }
    return items
  }

  if (!isPlainObject(value)) return undefined
  const copy: { [key: string]: PlainData } = Object.create(null)
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (!descriptor.enumerable || !('value' in descriptor)) continue
    const item = toPlainData(descriptor.value, depth + 1)
    if (item !== undefined) copy[key] = item
  }
  return copy
}

function plainVariables(variables: Record<string, unknown>): { [key: string]: PlainData } {
  const data = toPlainData(variables, 0)
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? data : Object.create(null)
}

function hasOwn(target: unknown, key: string): target is Record<string, unknown> {
  return target !== null && typeof target === 'object' && Object.prototype.hasOwnProperty.call(target, key)
}

/** Walks a dotted path through own properties only. */
function resolvePath(view: unknown, path: readonly string[]): { found: boolean; value?: unknown } {
  let current = view
  for (const key of path) {
    if (!hasOwn(current, key)) return { found: false }
    current = current[key]
  }
  return { found: true, value: current }
}

/**
 * Mustache's context, restricted to own properties: the default looks names up with `in` and
 * through primitives, which reaches prototype methods and calls them.
 */
class PlainDataContext extends Mustache.Context {
  push(view: unknown): Mustache.Context {
    return new PlainDataContext(view, this)
  }

  lookup(name: string): unknown {
    if (name === '.') return this.view
    const result = resolvePath(this.view, name.split('.'))
    // sections push contexts; a name not found in the innermost one is looked up in the outer ones
    return result.found ? result.value : this.parent?.lookup(name)
  }
}

/** How a value reads in an email: text and numbers as they are, lists comma-separated, objects not at all. */
function displayValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map(displayValue).filter(Boolean).join(', ')
  return ''
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character)
}

type Token = [string, ...unknown[]]

/**
 * A copy of parsed tokens that cannot bypass escaping or read partials: unescaped tags become
 * ordinary (escaped) tags, partial tags are removed, and in HTML mode literal text is escaped.
 * Tokens are copied, never changed in place.
 */
function neutraliseTokens(tokens: readonly Token[], escapeText: boolean): Token[] {
  const result: Token[] = []
  for (const token of tokens) {
    const [type, value, ...rest] = token
    if (type === '>') continue
    if (type === '&') result.push(['name', value, ...rest])
    else if (type === 'text' && escapeText) result.push(['text', escapeHtml(String(value)), ...rest])
    else if (type === '#' || type === '^') {
      const section = [...token] as Token
      section[4] = neutraliseTokens((token[4] as Token[] | undefined) ?? [], escapeText)
      result.push(section)
    } else result.push([...token] as Token)
  }
  return result
}

function parseTemplate(source: string): Token[] {
  // A fresh writer each time: its template cache would otherwise keep every edited version.
  return new Mustache.Writer().parse(source) as Token[]
}

/** The error a template would fail to render with (e.g. an unclosed section), or null. */
export function findTemplateError(source: string): string | null {
  try {
    parseTemplate(source)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Every variable name the template reads, sections included, in order of first use. */
export function templateVariableNames(source: string): string[] {
  const names = new Set<string>()
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const [type, value] = token
      if (type === 'name' || type === '&' || type === '#' || type === '^') {
        if (value !== '.') names.add(String(value))
      }
      if (type === '#' || type === '^') visit((token[4] as Token[] | undefined) ?? [])
    }
  }
  visit(parseTemplate(source))
  return [...names]
}

function renderTokens(source: string, data: { [key: string]: PlainData }, mode: 'text' | 'html'): string {
  const escapeValue = mode === 'html' ? (value: unknown) => escapeHtml(displayValue(value)) : displayValue
  const tokens = neutraliseTokens(parseTemplate(source), mode === 'html')
  return new Mustache.Writer().renderTokens(tokens as string[][], new PlainDataContext(data), undefined, source, {
    escape: escapeValue,
  })
}

/** Collapses to one line of at most MAX_SUBJECT_LENGTH characters (header-safe). */
function oneLine(text: string, maxLength = MAX_SUBJECT_LENGTH): string {
  const line = text.replace(/[\p{Cc}\s]+/gu, ' ').trim()
  const characters = Array.from(line)
  if (characters.length <= maxLength) return line
  return `${characters
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}…`
}

/** Line endings normalised, trailing spaces removed, at most one blank line in a row. */
function tidyBody(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function renderWithData(source: string, data: { [key: string]: PlainData }): string {
  return oneLine(renderTokens(source, data, 'text'))
}

/** Plain text with its variables (no HTML escaping, tidied like an email body): words staff edit before they are sent. */
export function renderText(source: string, variables: Record<string, unknown>): string {
  return tidyBody(renderTokens(source, plainVariables(variables), 'text'))
}

/** The subject line: plain text (no HTML escaping), one line, at most 200 characters. */
export function renderSubject(subject: string, variables: Record<string, unknown>): string {
  return renderWithData(subject, plainVariables(variables))
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
const LINK_STYLE = 'color:#1d4ed8;text-decoration:underline;word-break:break-all'

// Matches http(s) URLs in already-escaped text: `&amp;` may be part of one, any other entity
// (`&lt;`, `&quot;`, `&#39;`) ends it.
const URL_IN_ESCAPED_TEXT = /\bhttps?:\/\/(?:[^\s<>"'&]|&amp;)+/gi

function count(text: string, character: string): number {
  return text.split(character).length - 1
}

/** Turns http(s) URLs in escaped text into links, leaving sentence punctuation after them outside. */
function linkify(escaped: string): string {
  return escaped.replace(URL_IN_ESCAPED_TEXT, (match) => {
    let url = match
    let trailing = ''
    while (/[.,;:!?)\]]$/.test(url)) {
      if (url.endsWith(';') && url.endsWith('&amp;')) break
      if (url.endsWith(')') && count(url, '(') >= count(url, ')')) break
      trailing = url.slice(-1) + trailing
      url = url.slice(0, -1)
    }
    if (/^https?:\/\/$/i.test(url)) return match
    return `<a href="${url}" style="${LINK_STYLE}">${url}</a>${trailing}`
  })
}

function paragraphs(escapedBody: string): string {
  return tidyBody(escapedBody)
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p style="margin:0 0 16px 0">${linkify(block).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n')
}

function htmlDocument(args: { subject: string; organisationName: string; content: string }): string {
  const subject = escapeHtml(args.subject)
  const organisation = escapeHtml(args.organisationName)
  const header = organisation
    ? `<tr><td style="padding:20px 32px;border-bottom:1px solid #e5e7eb;${FONT};font-size:18px;font-weight:bold;color:#111827">${organisation}</td></tr>`
    : ''
  const footer = organisation
    ? `<tr><td style="padding:16px 32px;border-top:1px solid #e5e7eb;${FONT};font-size:12px;line-height:18px;color:#6b7280">This email was sent by ${organisation}.</td></tr>`
    : ''
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:6px">
${header}
<tr><td style="padding:24px 32px 8px 32px;${FONT};font-size:16px;line-height:24px;color:#111827">
${args.content}
</td></tr>
${footer}
</table>
</td></tr>
</table>
</body>
</html>
`
}

/**
 * Renders a template with its variables. Throws if the template cannot be parsed (e.g. an
 * unclosed section); `findTemplateError` lets an editor check that before saving.
 */
export function renderEmail(template: EmailTemplateSource, variables: Record<string, unknown>): RenderedEmail {
  const data = plainVariables(variables)
  const subject = renderWithData(template.subject, data)
  const organisationName = oneLine(displayValue(resolvePath(data, ['organisation', 'name']).value))

  const body = tidyBody(renderTokens(template.body, data, 'text'))
  const footer = organisationName ? `\n\n-- \nThis email was sent by ${organisationName}.` : ''
  const text = `${body}${footer}\n`

  const html = htmlDocument({ subject, organisationName, content: paragraphs(renderTokens(template.body, data, 'html')) })
  return { subject, text, html }
}
