/**
 * In-process locks by name, for SQLite (one process, no row locks). Each key is a queue of
 * holders; the key is forgotten as soon as its last holder releases it, so the map only ever
 * holds the keys in use right now.
 */
const tails = new Map<string, Promise<void>>()

/** Waits until `key` is free, takes it, and returns the function that gives it back (once). */
export async function acquireKey(key: string): Promise<() => void> {
  const previous = tails.get(key) ?? Promise.resolve()
  let free!: () => void
  const mine = new Promise<void>((resolve) => (free = resolve))
  const tail = previous.then(() => mine)
  tails.set(key, tail)
  await previous
  let released = false
  return () => {
    if (released) return
    released = true
    free()
    if (tails.get(key) === tail) tails.delete(key)
  }
}

/** Runs `work` holding `key`. */
export async function withKey<T>(key: string, work: () => Promise<T>): Promise<T> {
  const release = await acquireKey(key)
  try {
    return await work()
  } finally {
    release()
  }
}

/** How many keys are held or waited for now (0 when idle: nothing is kept). */
export function keysInUse(): number {
  return tails.size
}
