'use client'

import type React from 'react'
import { useId, useRef, useState } from 'react'

/**
 * The main navigation's links: one line on a wide screen; on a phone or tablet (below `lg`) a
 * "Menu" button shows and hides them (aria-expanded). Following a link or pressing Escape closes it.
 * The links are server-rendered children; only the open/closed state lives here.
 */
export function SiteMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const id = useId()

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex items-center gap-2 rounded border border-slate-300 px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-100 lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          {open ? (
            <path d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4Z" />
          ) : (
            <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
          )}
        </svg>
        Menu
      </button>
      <ul
        id={id}
        className={`${open ? 'flex' : 'hidden'} w-full flex-col border-t border-slate-200 pt-2 lg:flex lg:w-auto lg:flex-row lg:items-center lg:gap-x-4 lg:border-0 lg:pt-0 xl:gap-x-5`}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) setOpen(false)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            setOpen(false)
            button.current?.focus()
          }
        }}
      >
        {children}
      </ul>
    </>
  )
}
