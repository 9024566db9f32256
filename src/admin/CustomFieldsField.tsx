'use client'

import type { JSONFieldClientComponent } from 'payload'
import { FieldDescription, FieldLabel, useConfig, useField } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { CustomFieldDefinition, CustomValue } from '@/members/customFieldRules'
import { formatValue } from '@/members/customFieldRules'

type Values = Record<string, CustomValue | null>

const AUDIENCE = { members: 'member and staff', staff: 'staff only' } as const

/**
 * A person's custom fields in the admin panel (users.customFields): one input per member field, as
 * its type says, saved with the rest of the person. Archived fields and values of fields since
 * deleted are listed, read-only. The server checks every value again (src/members/customFields.ts).
 */
export const CustomFieldsField: JSONFieldClientComponent = (props) => {
  const { field, path: pathFromProps, readOnly } = props
  const { config } = useConfig()
  const { path, value, setValue, disabled } = useField<Values | null>({ potentiallyStalePath: pathFromProps })
  const [definitions, setDefinitions] = useState<CustomFieldDefinition[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    const api = `${config.serverURL ?? ''}${config.routes.api}`
    fetch(`${api}/member-fields?limit=100&depth=0&sort=order`, { credentials: 'include' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The member fields could not be read (${response.status}).`)
        const body = (await response.json()) as { docs: CustomFieldDefinition[] }
        if (!cancelled) setDefinitions(body.docs)
      })
      .catch((error: Error) => {
        if (!cancelled) setProblem(error.message)
      })
    return () => {
      cancelled = true
    }
  }, [config.serverURL, config.routes.api])

  const values: Values = value && typeof value === 'object' && !Array.isArray(value) ? value : {}
  const locked = Boolean(readOnly || disabled)
  const change = (key: string, next: CustomValue | null) => setValue({ ...values, [key]: next })
  const active = (definitions ?? []).filter((definition) => !definition.archived)
  const archived = (definitions ?? []).filter((definition) => definition.archived && values[definition.key] !== undefined && values[definition.key] !== null)
  const known = new Set((definitions ?? []).map((definition) => definition.key))
  const orphans = definitions ? Object.entries(values).filter(([key, v]) => !known.has(key) && v !== null) : []

  return (
    <div data-hangar-component="CustomFieldsField" className="field-type" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={field.label} path={path} />
      <FieldDescription description={field.admin?.description} path={path} />
      {problem && <p role="alert">{problem}</p>}
      {definitions === null && !problem && <p>Loading the member fields…</p>}
      {definitions !== null && active.length === 0 && <p>No member fields are defined yet (People → Member fields).</p>}
      {active.map((definition) => (
        <CustomInput key={definition.key} definition={definition} value={values[definition.key] ?? null} locked={locked} onChange={(next) => change(definition.key, next)} />
      ))}
      {(archived.length > 0 || orphans.length > 0) && (
        <div style={{ marginTop: 'var(--base)' }}>
          <p style={{ fontWeight: 600 }}>No longer in use (kept)</p>
          <ul>
            {archived.map((definition) => (
              <li key={definition.key}>
                {definition.label}: {formatValue(definition, values[definition.key])}
              </li>
            ))}
            {orphans.map(([key, v]) => (
              <li key={key}>
                {key}: {String(v)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

function CustomInput({ definition, value, locked, onChange }: { definition: CustomFieldDefinition; value: CustomValue | null; locked: boolean; onChange: (next: CustomValue | null) => void }) {
  const id = `custom-field-${definition.key}`
  const help = [definition.helpText, `Seen by: ${AUDIENCE[definition.visibleTo]}${definition.editableBy === 'staff' && definition.visibleTo === 'members' ? ', filled in by the staff' : ''}${definition.sensitive ? '; sensitive' : ''}`]
    .filter(Boolean)
    .join(' · ')
  const common = { id, name: id, disabled: locked, 'aria-describedby': `${id}-help` }
  let input: React.ReactNode
  switch (definition.type) {
    case 'textarea':
      input = <textarea {...common} rows={4} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || null)} />
      break
    case 'number':
      input = (
        <input
          {...common}
          type="number"
          step="any"
          value={typeof value === 'number' ? value : ''}
          onChange={(event) => onChange(event.target.value === '' ? null : Number.isFinite(event.target.valueAsNumber) ? event.target.valueAsNumber : event.target.value)}
        />
      )
      break
    case 'date':
      input = <input {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || null)} />
      break
    case 'choice':
      input = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || null)}>
          <option value="">—</option>
          {(definition.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {typeof value === 'string' && value && !(definition.options ?? []).some((option) => option.value === value) && <option value={value}>{value} (no longer offered)</option>}
        </select>
      )
      break
    case 'checkbox':
      return (
        <div className="field-type checkbox" style={{ marginBottom: 'calc(var(--base) / 2)' }}>
          <label htmlFor={id} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
            {definition.label}
            {definition.required ? ' *' : ''}
          </label>
          <p id={`${id}-help`} className="field-description">
            {help}
          </p>
        </div>
      )
    default:
      input = <input {...common} type="text" value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || null)} />
  }
  return (
    <div className={['field-type', definition.type === 'textarea' ? 'textarea' : 'text', locked && 'read-only'].filter(Boolean).join(' ')} style={{ marginBottom: 'calc(var(--base) / 2)' }}>
      <label htmlFor={id} className="field-label">
        {definition.label}
        {definition.required && <span className="required">*</span>}
      </label>
      <div className="field-type__wrap">{input}</div>
      <p id={`${id}-help`} className="field-description">
        {help}
      </p>
    </div>
  )
}
