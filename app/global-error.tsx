'use client'

/**
 * The last resort, when a page's layout itself fails (it replaces the whole page, so it brings
 * its own <html> and plain styles: the site's stylesheet and the organisation's name may be
 * what failed).
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-GB">
      <head>
        <title>Something went wrong</title>
      </head>
      <body style={{ margin: 0, fontFamily: 'system-ui, sans-serif', background: '#f8fafc', color: '#0f172a' }}>
        <main role="alert" style={{ maxWidth: '40rem', margin: '4rem auto', padding: '2rem', background: '#fff', borderRadius: '0.5rem', boxShadow: '0 0 0 1px #e2e8f0' }}>
          <h1 style={{ marginTop: 0, color: '#172554' }}>Something went wrong</h1>
          <p>This page could not be shown just now. Try again in a moment; if it keeps happening, tell the committee what you were doing.</p>
          {error.digest && <p style={{ fontSize: '0.875rem', color: '#475569' }}>Reference: {error.digest}</p>}
          <p style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
            <button type="button" onClick={reset} style={{ padding: '0.5rem 1rem', background: '#1e40af', color: '#fff', border: 0, borderRadius: '0.25rem', font: 'inherit', cursor: 'pointer' }}>
              Try again
            </button>
            {/* a full page load: the app's own navigation may be what failed */}
            <a href="/" style={{ padding: '0.5rem 1rem', color: '#1e40af' }}>
              Go to the home page
            </a>
          </p>
        </main>
      </body>
    </html>
  )
}
