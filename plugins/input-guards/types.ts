export type InputGuardsOptions = {
  /** `false` leaves the config as it is. */
  enabled?: boolean
  /** The largest `limit` a request may ask for; larger is clamped to it. Default 100 (the admin panel's largest page). */
  maxLimit?: number
  /** The deepest population a request may ask for; deeper is clamped to it. Default 3. */
  maxDepth?: number
}

export type InputGuardSettings = { maxLimit: number; maxDepth: number }
