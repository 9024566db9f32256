'use client'

import type { DefaultCellComponentProps } from 'payload'

import { formatMoney } from '@/lib/money'

import { useSettingsCurrency } from './useCurrency'

/** A money column of a list: "£25.00" for 2500 minor units, in the row's currency. */
export function MoneyCell({ cellData, rowData }: DefaultCellComponentProps) {
  const fallback = useSettingsCurrency()
  const currency = typeof rowData?.currency === 'string' && rowData.currency ? rowData.currency : fallback
  return (
    <span data-hangar-component="MoneyCell">
      {typeof cellData === 'number' ? formatMoney({ amount: cellData, currency }) : '—'}
    </span>
  )
}
