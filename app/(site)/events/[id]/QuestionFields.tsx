export type Question = { key: string; label: string; kind: string; choices?: string[] | null; required?: boolean | null; help?: string | null }

/** The event's own questions as form fields named `answer:<key>` (the reply form and the guest form). */
export function QuestionFields({ questions, values = {} }: { questions: Question[]; values?: Record<string, string> }) {
  return (
    <>
      {questions.map((q) => (
        <div key={q.key}>
          {q.kind === 'yes_no' ? (
            <fieldset>
              <legend className="font-medium">
                {q.label}
                {q.required ? '' : ' (optional)'}
              </legend>
              <label className="mr-4">
                <input type="radio" name={`answer:${q.key}`} value="yes" required={Boolean(q.required)} defaultChecked={values[`answer:${q.key}`] === 'yes'} /> Yes
              </label>
              <label>
                <input type="radio" name={`answer:${q.key}`} value="no" defaultChecked={values[`answer:${q.key}`] === 'no'} /> No
              </label>
            </fieldset>
          ) : q.kind === 'choice' ? (
            <label className="block font-medium">
              {q.label}
              {q.required ? '' : ' (optional)'}
              <select name={`answer:${q.key}`} required={Boolean(q.required)} defaultValue={values[`answer:${q.key}`] ?? ''} className="mt-1 block rounded border border-slate-400 px-2 py-1">
                <option value="">Choose…</option>
                {(q.choices ?? []).map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
          ) : (
            <label className="block font-medium">
              {q.label}
              {q.required ? '' : ' (optional)'}
              <input
                name={`answer:${q.key}`}
                placeholder={q.kind === 'date' ? 'YYYY-MM-DD' : undefined}
                inputMode={q.kind === 'number' ? 'decimal' : undefined}
                required={Boolean(q.required)}
                defaultValue={values[`answer:${q.key}`] ?? ''}
                className="mt-1 block w-full rounded border border-slate-400 px-3 py-1.5"
              />
            </label>
          )}
          {q.help && <p className="text-sm text-slate-600">{q.help}</p>}
        </div>
      ))}
    </>
  )
}
