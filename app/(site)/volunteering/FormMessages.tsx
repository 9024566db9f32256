/**
 * What a volunteering form says after the member acts: the server's refusal as an alert, or
 * the outcome in a status region that stays in the page so screen readers announce changes.
 */
export function FormMessages({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
      <p role="status" className={done ? 'rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900' : 'sr-only'}>
        {done}
      </p>
    </>
  )
}
