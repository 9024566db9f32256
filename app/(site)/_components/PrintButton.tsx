'use client'

/** Opens the browser's print dialog (the page's print styles leave out the navigation). */
export function PrintButton({ label = 'Print' }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100"
    >
      {label}
    </button>
  )
}
