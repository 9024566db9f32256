import type { Payload, TypedUser } from 'payload'

import type { Actor } from '@/access/subjects'

import { associationAtAGlance } from './glance'

type Props = { payload: Payload; user?: TypedUser | null }

/**
 * The admin home's "at a glance" (before Payload's dashboard): the figures the signed-in
 * person's role may read, each a link to the list it counts.
 */
export async function AtAGlance({ payload, user }: Props) {
  const panels = await associationAtAGlance(payload, (user ?? null) as Actor)
  if (panels.length === 0) return null
  return (
    <section data-hangar-component="AtAGlance" aria-labelledby="hangar-at-a-glance" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <h2 id="hangar-at-a-glance" style={{ marginBottom: 'var(--base)' }}>
        At a glance
      </h2>
      <div style={{ display: 'grid', gap: 'var(--base)', gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))' }}>
        {panels.map((panel) => (
          <div
            key={panel.key}
            data-testid={`glance-${panel.key}`}
            style={{
              background: 'var(--theme-elevation-50)',
              border: '1px solid var(--theme-elevation-150)',
              borderRadius: 'var(--style-radius-m, 4px)',
              padding: 'var(--base)',
            }}
          >
            <h3 style={{ marginBottom: 'calc(var(--base) / 2)' }}>{panel.title}</h3>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {panel.figures.map((figure) => (
                <li key={figure.key} style={{ marginBottom: 4 }}>
                  <a href={figure.href} style={{ color: 'var(--theme-text)', textDecoration: 'underline' }}>
                    <strong style={{ fontVariantNumeric: 'tabular-nums' }}>{figure.count.toLocaleString('en-GB')}</strong> {figure.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  )
}
