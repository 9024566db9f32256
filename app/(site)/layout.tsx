import Link from 'next/link'
import type { Metadata } from 'next'
import type React from 'react'

import { getSignedInUser, getPublicSettings } from '@/lib/payload'

import { SiteHeader } from './_components/SiteHeader'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const { organisationName } = await getPublicSettings()
  return { title: { default: organisationName, template: `%s · ${organisationName}` } }
}

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const [user, { organisationName }] = await Promise.all([getSignedInUser(), getPublicSettings()])

  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased print:bg-white">
        <a
          href="#main"
          className="sr-only print:hidden focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader organisationName={organisationName} user={user} />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 print:max-w-none print:p-0">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white print:hidden">
          <p className="mx-auto max-w-5xl px-4 py-4 text-sm text-slate-600">
            {organisationName} · membership powered by Hangar ·{' '}
            <Link href="/contact" className="underline">
              Contact us
            </Link>
          </p>
        </footer>
      </body>
    </html>
  )
}
