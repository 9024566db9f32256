export type Question = { key: string; label: string; kind: string; choices?: string[] | null; required?: boolean | null; help?: string | null }
export type Prefill = Record<string, string | number | boolean>

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-1.5'

/** A question's label, "(optional)" when it is, and its help text tied to the field for screen readers. */
function Label({ q, htmlFor }: { q: Question; htmlFor?: string }) {
  const text = `${q.label}${q.required ? '' : ' (optional)'}`
  return (
    <>
      {htmlFor ? (
        <label htmlFor={htmlFor} className="block font-medium">
          {text}
        </label>
      ) : (
        <legend className="font-medium">{text}</legend>
      )}
      {q.help && (
        <p id={`help-${q.key}`} className="text-sm text-slate-600">
          {q.help}
        </p>
      )}
    </>
  )
}

/** One question, as the kind of field its answer is, starting from `value`. */
function QuestionField({ q, value }: { q: Question; value: string | number | boolean | undefined }) {
  const id = `answer-${q.key}`
  const name = `answer:${q.key}`
  const describedBy = q.help ? `help-${q.key}` : undefined
  const required = Boolean(q.required)
  if (q.kind === 'yes_no') {
    return (
      <fieldset aria-describedby={describedBy}>
        <Label q={q} />
        <label className="mr-4">
          <input type="radio" name={name} value="yes" required={required} defaultChecked={value === true} /> Yes
        </label>
        <label>
          <input type="radio" name={name} value="no" defaultChecked={value === false} /> No
        </label>
      </fieldset>
    )
  }
  const common = { id, name, required, 'aria-describedby': describedBy }
  const text = value === undefined || typeof value === 'boolean' ? undefined : String(value)
  return (
    <div>
      <Label q={q} htmlFor={id} />
      {q.kind === 'choice' ? (
        <select {...common} defaultValue={text ?? ''} className="mt-1 block rounded border border-slate-400 px-2 py-1">
          <option value="">Choose…</option>
          {(q.choices ?? []).map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      ) : q.kind === 'number' ? (
        <input {...common} type="number" step="any" inputMode="decimal" defaultValue={text} className={inputClass} />
      ) : q.kind === 'date' ? (
        <input {...common} type="date" defaultValue={text} className={inputClass} />
      ) : (
        <input {...common} type="text" maxLength={1000} defaultValue={text} className={inputClass} />
      )}
    </div>
  )
}

/** A form field's value as sent back after a refused submission ("yes"/"no" for yes/no questions). */
const fromForm = (value: string | undefined): string | boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : value)

/**
 * The event's own questions as form fields named `answer:<key>` (the reply form and the guest
 * form), each as the kind of field its answer is, with its help text. They start from `prefill`
 * (the member's earlier answers and profile, by question key) or, after a refused submission,
 * from what was sent (`values`, by field name).
 */
export function QuestionFields({ questions, values = {}, prefill = {} }: { questions: Question[]; values?: Record<string, string>; prefill?: Prefill }) {
  return (
    <>
      {questions.map((q) => (
        <QuestionField key={q.key} q={q} value={fromForm(values[`answer:${q.key}`]) ?? prefill[q.key]} />
      ))}
    </>
  )
}

/** "Guests coming with you": 0 to 4, the reply form's and the guest form's. */
export function GuestsField({ defaultValue = '0' }: { defaultValue?: string }) {
  return (
    <div>
      <label htmlFor="guests" className="block font-medium">
        Guests coming with you
      </label>
      <select id="guests" name="guests" defaultValue={defaultValue} className="mt-1 rounded border border-slate-400 px-2 py-1">
        {[0, 1, 2, 3, 4].map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  )
}
