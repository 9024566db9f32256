import type { Metadata } from 'next'
import Link from 'next/link'
import type React from 'react'

import { canUseAdminPanel } from '@/access/resolve'
import { getCurrentUser, getPublicSettings } from '@/lib/payload'

import { signOut } from './actions'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const { organisationName } = await getPublicSettings()
  return { title: { default: organisationName, template: `%s · ${organisationName}` } }
}

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const [user, { organisationName }] = await Promise.all([getCurrentUser(), getPublicSettings()])

  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="mr-auto text-lg font-semibold text-brand-900">
              {organisationName}
            </Link>
            <Link href="/" className="text-slate-700 underline-offset-4 hover:underline">
              Home
            </Link>
            <Link href="/events" className="text-slate-700 underline-offset-4 hover:underline">
              Events
            </Link>
            <Link href="/notices" className="text-slate-700 underline-offset-4 hover:underline">
              Notices
            </Link>
            <Link href="/documents" className="text-slate-700 underline-offset-4 hover:underline">
              Documents
            </Link>
            <Link href="/volunteering" className="text-slate-700 underline-offset-4 hover:underline">
              Volunteering
            </Link>
            <Link href="/tiers" className="text-slate-700 underline-offset-4 hover:underline">
              Membership
            </Link>
            {user ? (
              <>
                <Link href="/account" className="text-slate-700 underline-offset-4 hover:underline">
                  My account
                </Link>
                {canUseAdminPanel(user) && (
                  <Link href="/admin" className="text-slate-700 underline-offset-4 hover:underline">
                    Admin panel
                  </Link>
                )}
                <form action={signOut}>
                  <button
                    type="submit"
                    className="rounded border border-slate-300 px-3 py-1 text-slate-800 hover:bg-slate-100"
                  >
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <Link href="/sign-in" className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-900">
                Sign in
              </Link>
            )}
          </nav>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <p className="mx-auto max-w-5xl px-4 py-4 text-sm text-slate-600">
            {organisationName} · membership powered by Hangar
          </p>
        </footer>
      </body>
    </html>
  )
}
