import { describe, expect, it } from 'vitest'

import { findTemplateError, renderEmail, renderSubject, templateVariableNames } from '@/email/render'
import { DEFAULT_TEMPLATES, EMAIL_TEMPLATE_KEYS, isEmailTemplateKey } from '@/email/templates'

const organisation = { name: 'Riverside Airfield Association' }

function valueAt(data: unknown, name: string): unknown {
  return name.split('.').reduce<unknown>((current, key) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), data)
}

/** The body's paragraphs as rendered into the HTML document. */
function htmlParagraphs(html: string): string[] {
  return [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((match) => match[1] ?? '')
}

describe('email template defaults', () => {
  it('has a default for every key, and only for those keys', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([...EMAIL_TEMPLATE_KEYS].sort())
    expect(EMAIL_TEMPLATE_KEYS).toHaveLength(40)
    expect(isEmailTemplateKey('renewal-reminder')).toBe(true)
    expect(isEmailTemplateKey('nope')).toBe(false)
    expect(isEmailTemplateKey(42)).toBe(false)
  })

  describe.each(EMAIL_TEMPLATE_KEYS)('%s', (key) => {
    const template = DEFAULT_TEMPLATES[key]
    const used = [...new Set([...templateVariableNames(template.subject), ...templateVariableNames(template.body)])]

    it('parses, and its description and sample cover every variable it uses', () => {
      expect(template.label).not.toBe('')
      expect(findTemplateError(template.subject)).toBeNull()
      expect(findTemplateError(template.body)).toBeNull()
      for (const name of used) {
        expect(template.description, `description mentions ${name}`).toContain(name)
        const value = valueAt(template.sample, name)
        expect(['string', 'number'], `sample has ${name}`).toContain(typeof value)
        expect(String(value), `sample ${name} is not empty`).not.toBe('')
      }
    })

    it('renders with its sample leaving no tags or empty spots', () => {
      const rendered = renderEmail(template, template.sample)
      for (const output of [rendered.subject, rendered.text, rendered.html]) {
        expect(output).not.toContain('{{')
        expect(output).not.toContain('}}')
      }
      // every value the template shows appears in the text (so nothing rendered empty)
      for (const name of used) expect(rendered.text, name).toContain(String(valueAt(template.sample, name)))
      if (used.includes('member.firstName')) expect(rendered.text).toContain('Alex')

      expect(rendered.subject).not.toMatch(/\n/)
      expect(rendered.subject.length).toBeLessThanOrEqual(200)
      for (const output of [rendered.subject, rendered.text]) {
        expect(output).not.toMatch(/ [,.:;)]/) // a gap before punctuation
        expect(output).not.toMatch(/\(\s*\)/)
        expect(output).not.toMatch(/^[A-Z][a-z]*(?: [a-z]+)?: *$/m) // a label ("Amount:") with nothing after it
        expect(output).not.toMatch(/\n{3,}/)
      }
      expect(rendered.text).toContain('Riverside Airfield Association')
      expect(rendered.html).toContain('<!doctype html>')
    })

    it('never names an organisation in its own wording', () => {
      for (const text of [template.subject, template.body]) {
        expect(text).not.toMatch(/Swansea|Riverside|Alliance/)
      }
    })
  })

  it('the renewal reminder reads well before, on and after the end date', () => {
    const template = DEFAULT_TEMPLATES['renewal-reminder']
    for (const [daysLeft, when] of [
      [30, 'in 30 days'],
      [0, 'today'],
      [-7, '7 days ago'],
    ] as const) {
      const { subject, text } = renderEmail(template, { ...template.sample, reminder: { daysLeft, when } })
      expect(text).toContain(`21 November 2027 (${when})`)
      expect(subject).toBe('Time to renew your Riverside Airfield Association membership')
    }
  })

  it('optional lines disappear cleanly when their value is missing', () => {
    const template = DEFAULT_TEMPLATES['payment-receipt']
    const sample = template.sample as { payment: Record<string, unknown>; membership: Record<string, unknown> }
    const { text } = renderEmail(template, { ...template.sample, payment: { ...sample.payment, discount: '' }, membership: {} })
    expect(text).not.toContain('Price:')
    expect(text).not.toContain('Membership:')
    expect(text).not.toMatch(/\n{3,}/)
    expect(text).toContain('Date paid: 21 November 2026\nAmount paid: £25.00\nPayment method: Card\n\nAll your receipts')
  })
})

describe('renderEmail', () => {
  it('renders dotted names and leaves unknown variables empty', () => {
    const { subject, text } = renderEmail(
      { subject: 'Hello {{member.firstName}}{{member.nickname}}', body: 'Dear {{member.firstName}},{{nothing.here}} welcome.' },
      { member: { firstName: 'Alex' } },
    )
    expect(subject).toBe('Hello Alex')
    expect(text.startsWith('Dear Alex, welcome.')).toBe(true)
  })

  it('escapes values in HTML but not in the text body', () => {
    const { text, html } = renderEmail({ subject: 'Hi {{member.firstName}}', body: 'Dear {{member.firstName}}' }, { member: { firstName: '<b>Alex</b> & "co"' } })
    expect(text).toContain('Dear <b>Alex</b> & "co"')
    expect(html).toContain('Dear &lt;b&gt;Alex&lt;/b&gt; &amp; &quot;co&quot;')
    expect(html).not.toContain('<b>')
  })

  it('does not let triple mustache or {{& }} inject raw HTML', () => {
    const variables = { reason: '<img src=x onerror=alert(1)>' }
    const { html, text } = renderEmail({ subject: '{{{reason}}}', body: 'A {{{reason}}}\n\nB {{& reason}}' }, variables)
    expect(html).not.toContain('<img')
    expect(html.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)).toHaveLength(3) // title and two paragraphs
    expect(text).toContain('A <img src=x onerror=alert(1)>')
  })

  it("escapes the admin's own markup in the template body", () => {
    const { html, text } = renderEmail({ subject: 'x', body: 'Hello <script>alert("hi")</script> & bye' }, {})
    expect(html).toContain('Hello &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; bye')
    expect(html).not.toContain('<script')
    expect(text).toContain('Hello <script>alert("hi")</script> & bye')
  })

  it('never calls functions in the variables', () => {
    const calls: string[] = []
    const lambda = () => {
      calls.push('called')
      return () => 'lambda output'
    }
    const variables: Record<string, unknown> = {
      member: {
        firstName: lambda,
        get lastName() {
          calls.push('getter')
          return 'Getter'
        },
      },
      section: lambda,
      when: new Date('2027-11-21T00:00:00Z'),
    }
    const { subject, text, html } = renderEmail(
      { subject: '[{{member.firstName}}]', body: '[{{member.firstName}}][{{member.lastName}}][{{#section}}inside{{/section}}][{{when}}]' },
      variables,
    )
    expect(calls).toEqual([])
    expect(subject).toBe('[]')
    expect(text.startsWith('[][][][]')).toBe(true)
    expect(html).not.toContain('lambda output')
  })

  it('cannot reach prototypes or their methods', () => {
    const body = '[{{member.constructor}}][{{reason.length}}][{{reason.toString}}][{{count.toFixed}}][{{#member.constructor.constructor}}x{{/member.constructor.constructor}}][{{__proto__}}]'
    const { text } = renderEmail({ subject: 'x', body }, { member: { firstName: 'Alex' }, reason: 'text', count: 3 })
    expect(text.startsWith('[][][][][][]')).toBe(true)
  })

  it('keeps plain data: numbers, booleans, arrays and sections', () => {
    const { text } = renderEmail(
      { subject: 'x', body: '{{reminder.daysLeft}} {{flag}} {{#list}}<{{.}}>{{/list}} {{list}} {{^empty}}none{{/empty}} {{#member}}{{firstName}}{{/member}}' },
      { reminder: { daysLeft: -7 }, flag: true, list: ['a', 'b'], empty: [], member: { firstName: 'Alex' } },
    )
    expect(text.startsWith('-7 true <a><b> a, b none Alex')).toBe(true)
  })

  it('stops at a depth limit on deeply nested or circular data', () => {
    const circular: Record<string, unknown> = { name: 'loop' }
    circular.self = circular
    const { text } = renderEmail({ subject: 'x', body: '[{{circular.self.self.name}}][{{circular.self.self.self.self.self.self.self.self.self.name}}]' }, { circular })
    expect(text.startsWith('[loop][]')).toBe(true)
  })

  it('renders partials as nothing', () => {
    const { subject, text, html } = renderEmail({ subject: 'a{{> subject}}b', body: 'before {{> ../../package.json}} after {{>x}}' }, { x: 'X' })
    expect(subject).toBe('ab')
    expect(text.startsWith('before  after')).toBe(true)
    expect(html).toContain('before  after')
  })

  it('turns http(s) URLs into links in the HTML, leaving punctuation outside', () => {
    const { html, text } = renderEmail(
      { subject: 'x', body: 'Renew here:\n{{links.renew}}\n\nOr see https://example.org/a?b=1&c=2. Not ftp://example.org' },
      { links: { renew: 'https://members.example.org/renew' } },
    )
    expect(html).toContain('<a href="https://members.example.org/renew" style="color:#1d4ed8;text-decoration:underline;word-break:break-all">https://members.example.org/renew</a>')
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2" style="color:#1d4ed8;text-decoration:underline;word-break:break-all">https://example.org/a?b=1&amp;c=2</a>.')
    expect(html).not.toContain('href="ftp')
    expect(text).toContain('https://members.example.org/renew')
  })

  it('does not let a URL value break out of the link', () => {
    const { html } = renderEmail({ subject: 'x', body: '{{links.portal}}' }, { links: { portal: 'https://example.org/"onmouseover="alert(1)' } })
    expect(html).toContain('<a href="https://example.org/" style=')
    expect(html).not.toContain('"onmouseover')
  })

  it('lays the HTML out as paragraphs in a consistent document', () => {
    const { html, text } = renderEmail({ subject: 'Hello', body: 'First line\nsecond line\n\n\n\nSecond paragraph' }, { organisation })
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<html lang="en-GB">')
    expect(html).toContain('max-width:600px')
    expect(html).toContain('<title>Hello</title>')
    expect(htmlParagraphs(html)).toEqual(['First line<br>\nsecond line', 'Second paragraph'])
    expect(html.match(/Riverside Airfield Association/g)).toHaveLength(2) // header and footer
    expect(text).toBe('First line\nsecond line\n\nSecond paragraph\n\n-- \nThis email was sent by Riverside Airfield Association.\n')
  })

  it('escapes the organisation name in the header', () => {
    const { html } = renderEmail({ subject: 'x', body: 'y' }, { organisation: { name: 'A & B <Club>' } })
    expect(html).toContain('A &amp; B &lt;Club&gt;')
    expect(html).not.toContain('<Club>')
  })

  it('makes the subject one line of at most 200 characters', () => {
    expect(renderSubject('  Hello\n{{member.firstName}}\r\n  and\tfriends  ', { member: { firstName: 'Alex\nBcc: x@example.org' } })).toBe(
      'Hello Alex Bcc: x@example.org and friends',
    )
    const long = renderSubject('{{text}}', { text: 'word '.repeat(100) })
    expect(long.length).toBeLessThanOrEqual(200)
    expect(long.endsWith('…')).toBe(true)
    const { subject } = renderEmail({ subject: 'A <b>&</b>\nB', body: '' }, {})
    expect(subject).toBe('A <b>&</b> B')
  })

  it('reports templates that cannot be parsed', () => {
    expect(findTemplateError('{{#member}}unclosed')).toMatch(/Unclosed section/)
    expect(() => renderEmail({ subject: 'x', body: '{{#member}}unclosed' }, {})).toThrow(/Unclosed section/)
    expect(templateVariableNames('{{a.b}} {{#c}}{{d}}{{/c}} {{{e}}} {{> f}} {{a.b}}')).toEqual(['a.b', 'c', 'd', 'e'])
  })
})
