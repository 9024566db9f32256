import type { Metadata } from 'next'

import { isInquiryType } from '@/inquiries/lifecycle'

import { ContactForm } from './ContactForm'

export const metadata: Metadata = { title: 'Contact us' }

/** "Contact us / Ask about joining": the public form of the inquiry inbox (SPEC §14). */
export default async function ContactPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { type } = await searchParams
  return (
    <div className="mx-auto max-w-xl rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Contact us</h1>
      <p className="mt-2 text-slate-700">Ask about joining, our events or volunteering, or anything else. We will email you a copy and reply as soon as we can.</p>
      <ContactForm initialType={isInquiryType(type) ? type : undefined} />
    </div>
  )
}
