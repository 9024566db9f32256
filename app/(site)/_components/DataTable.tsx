import type React from 'react'

/**
 * The member site's tables: columns on a wide screen; on a phone (below Tailwind's `sm`) each row
 * becomes a block of lines, each value beside its label, so nothing is cut off or runs together
 * into one header. No script: server and client components both use these.
 *
 *   <DataTable columns={[{ label: 'Date' }, { label: 'Amount', align: 'right' }]}>
 *     <DataRow><DataCell label="Date">…</DataCell><DataCell label="Amount" align="right">…</DataCell></DataRow>
 *   </DataTable>
 */
type Align = 'left' | 'right'
export type DataColumn = { label: string; align?: Align; hidden?: boolean }

export function DataTable({ columns, children, className = '', ...rest }: { columns: DataColumn[]; children: React.ReactNode; className?: string } & React.TableHTMLAttributes<HTMLTableElement>) {
  return (
    <table className={`w-full text-left text-sm max-sm:block ${className}`} {...rest}>
      <thead className="max-sm:hidden">
        <tr className="border-b border-slate-200 text-slate-600">
          {columns.map((column) => (
            <th key={column.label} scope="col" className={`py-2 pr-3 font-medium last:pr-0 ${column.align === 'right' ? 'text-right' : ''}`}>
              {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="max-sm:block">{children}</tbody>
    </table>
  )
}

export function DataRow({ children, className = '', ...rest }: React.HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr className={`border-b border-slate-100 max-sm:block max-sm:py-2 ${className}`} {...rest}>
      {children}
    </tr>
  )
}

/** A value with its column's label, which shows beside it on a phone only. */
export function DataCell({ label, align, children, className = '' }: { label: string; align?: Align; children?: React.ReactNode; className?: string }) {
  return (
    <td
      className={`py-2 pr-3 align-top last:pr-0 max-sm:grid max-sm:grid-cols-[7rem_minmax(0,1fr)] max-sm:gap-x-3 max-sm:py-1 max-sm:pr-0 ${align === 'right' ? 'text-right max-sm:text-left' : ''} ${className}`}
    >
      <span className="font-medium text-slate-600 sm:hidden" data-cell-label="">
        {label}
      </span>
      <div className="min-w-0 break-words">{children}</div>
    </td>
  )
}
