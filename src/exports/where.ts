/** Reading a list view's filter. */
import type { Where } from 'payload'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The conditions every matching document meets: top-level ones, those under `and`, and those of an `or` with one branch (the admin list's shape). */
function* conjuncts(where: unknown): Generator<[string, unknown]> {
  if (!isObject(where)) return
  for (const [key, value] of Object.entries(where)) {
    if (key === 'and' && Array.isArray(value)) for (const item of value) yield* conjuncts(item)
    else if (key === 'or' && Array.isArray(value)) {
      if (value.length === 1) yield* conjuncts(value[0])
    } else yield [key, value]
  }
}

/**
 * The one value `field` is pinned to by the filter (`where[event][equals]=12`, also inside the
 * admin list's `or`/`and`, or an `in` list of one), or undefined when the filter lets several through.
 */
export function pinnedValue(where: Where | undefined, field: string): string | undefined {
  const values = new Set<string>()
  for (const [key, condition] of conjuncts(where)) {
    if (key !== field || !isObject(condition)) continue
    if (condition.equals !== undefined && condition.equals !== null && typeof condition.equals !== 'object') values.add(String(condition.equals))
    const list = condition.in
    const items = Array.isArray(list) ? list : typeof list === 'string' ? list.split(',') : undefined
    if (items?.length === 1) values.add(String(items[0]))
  }
  return values.size === 1 ? [...values][0] : undefined
}
