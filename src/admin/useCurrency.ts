'use client'

import { useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

let settingsCurrency: Promise<string> | null = null

/** The organisation's currency (the settings global), fetched once per page. */
export function useSettingsCurrency(): string {
  const [currency, setCurrency] = useState('GBP')
  useEffect(() => {
    settingsCurrency ??= fetch('/api/globals/settings?depth=0', { credentials: 'include' })
      .then((res) => (res.ok ? (res.json() as Promise<{ currency?: string }>) : {}))
      .then((doc: { currency?: string }) => doc.currency ?? 'GBP')
      .catch(() => 'GBP')
    let current = true
    void settingsCurrency.then((code) => current && setCurrency(code))
    return () => {
      current = false
    }
  }, [])
  return currency
}

/** The currency of the document being edited (its `currency` field), else the organisation's. */
export function useDocumentCurrency(): string {
  const own = useFormFields(([fields]) => fields.currency?.value)
  const fallback = useSettingsCurrency()
  return typeof own === 'string' && own ? own : fallback
}
