'use client'

import Link from 'next/link'
import { useEffect } from 'react'

/**
 * What the member site shows, inside its layout, when a page fails on the server or in the
 * browser: what happened in words, a way to try again, and a way home. The error's details stay
 * in the server's log (its digest is shown so a member can quote it).
 */
export default function SiteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = 'Something went wrong'
  }, [])

  return (
    <section role="alert" aria-labelledby="site-error" className="mx-auto max-w-2xl rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 id="site-error" className="text-3xl font-bold text-brand-900">
        Something went wrong
      </h1>
      <p className="mt-3 text-slate-700">
        This page could not be shown just now. Your membership and payments are not affected. Try again in a moment; if it keeps
        happening, tell the committee what you were doing.
      </p>
      {error.digest && <p className="mt-2 text-sm text-slate-600">Reference: {error.digest}</p>}
      <div className="mt-6 flex flex-wrap gap-4">
        <button type="button" onClick={reset} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          Try again
        </button>
        <Link href="/" className="inline-block rounded border border-slate-300 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
          Go to the home page
        </Link>
      </div>
    </section>
  )
}
