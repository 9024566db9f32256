import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Page not found' }

/**
 * The member site's 404, inside its layout (header, footer): an address nobody serves (see
 * [...missing]/page.tsx), an event, tier or receipt that does not exist.
 */
export default function NotFound() {
  return (
    <section aria-labelledby="not-found" className="mx-auto max-w-2xl rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">Error 404</p>
      <h1 id="not-found" className="mt-1 text-3xl font-bold text-brand-900">
        Page not found
      </h1>
      <p className="mt-3 text-slate-700">
        There is nothing at this address. The link may be mistyped, or what it pointed to has been removed.
      </p>
      <ul className="mt-6 flex flex-wrap gap-4">
        <li>
          <Link href="/" className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
            Go to the home page
          </Link>
        </li>
        <li>
          <Link href="/events" className="inline-block rounded border border-slate-300 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
            See upcoming events
          </Link>
        </li>
      </ul>
    </section>
  )
}
