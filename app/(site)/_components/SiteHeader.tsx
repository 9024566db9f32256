import Link from 'next/link'

import type { SignedIn } from '../../../collections/users/signedInStrategy'

import { canUseAdminPanel } from '@/access/resolve'

import { signOut } from '../actions'
import { SiteMenu } from './SiteMenu'

const linkClass = 'block whitespace-nowrap rounded px-2 py-2 text-slate-700 underline-offset-4 hover:underline lg:p-0'

/** The member site's header: the organisation's name and the main navigation (a menu on a phone). */
export function SiteHeader({ organisationName, user }: { organisationName: string; user: SignedIn | null }) {
  const links: Array<{ href: string; label: string }> = [
    { href: '/', label: 'Home' },
    { href: '/events', label: 'Events' },
    { href: '/notices', label: 'Notices' },
    { href: '/documents', label: 'Documents' },
    { href: '/volunteering', label: 'Volunteering' },
    { href: '/tiers', label: 'Membership' },
    ...(user ? [{ href: '/directory', label: 'Directory' }, { href: '/account', label: 'My account' }] : []),
    ...(user && canUseAdminPanel(user) ? [{ href: '/admin', label: 'Admin panel' }] : []),
  ]
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 lg:flex-nowrap">
        <Link href="/" className="mr-auto min-w-0 truncate text-lg font-semibold text-brand-900">
          {organisationName}
        </Link>
        <SiteMenu>
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className={linkClass}>
                {link.label}
              </Link>
            </li>
          ))}
          <li className="px-2 py-2 lg:p-0">
            {user ? (
              <form action={signOut}>
                <button type="submit" className="whitespace-nowrap rounded border border-slate-300 px-3 py-1 text-slate-800 hover:bg-slate-100">
                  Sign out
                </button>
              </form>
            ) : (
              <Link href="/sign-in" className="inline-block whitespace-nowrap rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-900">
                Sign in
              </Link>
            )}
          </li>
        </SiteMenu>
      </nav>
    </header>
  )
}
