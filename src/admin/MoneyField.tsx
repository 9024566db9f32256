'use client'

import type { NumberFieldClientComponent } from 'payload'
import { FieldDescription, FieldLabel, useField } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState } from 'react'

import { formatMinorForInput, parseMajorAmount } from '@/lib/money'

import { useDocumentCurrency } from './useCurrency'

/**
 * A money field of the admin panel: the amount is stored in minor units (pence), as the API
 * takes it, but a treasurer reads and types pounds — "£25.00", "25", "1,250.50". Anything that
 * is not an amount is refused here, in words, and the form does not save.
 */
export const MoneyField: NumberFieldClientComponent = (props) => {
  const { field, path: pathFromProps, readOnly } = props
  const required = Boolean(field.required)
  const currency = useDocumentCurrency()
  const [problem, setProblem] = useState<string | null>(null)

  const validate = useCallback(
    (value: unknown) => {
      if (problem) return problem
      if (required && (value === null || value === undefined)) return 'Type the amount, e.g. 25.00.'
      return true
    },
    [problem, required],
  )
  const { path, value, setValue, showError, errorMessage, disabled } = useField<number | null>({ potentiallyStalePath: pathFromProps, validate })
  const [text, setText] = useState(() => formatMinorForInput(value, currency))
  const editing = useRef(false)

  // Follow the stored value (loading, another currency, a reset) unless the person is typing.
  useEffect(() => {
    if (!editing.current && !problem) setText(formatMinorForInput(value, currency))
  }, [value, currency, problem])

  function change(next: string) {
    setText(next)
    if (!next.trim() && !required) {
      setProblem(null)
      setValue(null)
      return
    }
    const parsed = parseMajorAmount(next, currency)
    if (parsed.ok) {
      setProblem(null)
      setValue(parsed.minor)
    } else {
      setProblem(parsed.message)
      setValue(null)
    }
  }

  const id = `field-${path.replace(/\./g, '__')}`
  const message = problem ?? (showError ? errorMessage : null)
  const locked = Boolean(readOnly || disabled)

  return (
    <div
      data-hangar-component="MoneyField"
      className={['field-type', 'number', message && 'error', locked && 'read-only'].filter(Boolean).join(' ')}
      style={{ flex: '1 1 auto' }}
    >
      <FieldLabel label={field.label} path={path} required={required && !locked} />
      <div className="field-type__wrap">
        <input
          id={id}
          name={path}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          disabled={locked}
          placeholder={locked ? undefined : formatMinorForInput(2500, currency)}
          value={locked && !text ? '—' : text}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-problem` : undefined}
          onFocus={() => (editing.current = true)}
          onChange={(event) => change(event.target.value)}
          onBlur={() => {
            editing.current = false
            if (!problem) setText(formatMinorForInput(value, currency))
          }}
        />
        {message && (
          <p id={`${id}-problem`} role="alert" style={{ color: 'var(--theme-error-750)', margin: '4px 0 0' }}>
            {message}
          </p>
        )}
        <FieldDescription description={field.admin?.description} path={path} />
      </div>
    </div>
  )
}
