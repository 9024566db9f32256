import { HONEYPOT_FIELD } from '@/security/honeypotField'

/** A field people never see or reach (SPEC §11); a bot that fills it is answered as if it succeeded. */
export function Honeypot({ id = HONEYPOT_FIELD }: { id?: string } = {}) {
  return (
    <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
      <label htmlFor={id}>Leave this field empty</label>
      <input id={id} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  )
}
