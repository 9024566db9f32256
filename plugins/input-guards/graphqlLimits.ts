import type { ExecutionArgs, ValidationRule } from 'graphql'
import { GraphQLError, Kind } from 'graphql'

import type { InputGuardSettings } from './types'

/**
 * GraphQL `limit` and `page` arguments, written in the query or passed as variables: a limit
 * above the cap (or 0, "all") and a page below 1 are refused before anything runs. (REST clamps
 * its `limit` instead, in the route guard; a GraphQL document states its arguments exactly, so
 * it is told.)
 */
export function pagingArgumentsRule(settings: InputGuardSettings, args: ExecutionArgs): ValidationRule {
  const variables = (args as { variableValues?: Record<string, unknown> }).variableValues ?? {}
  return (context) => ({
    Argument(node) {
      if (node.name.value !== 'limit' && node.name.value !== 'page') return
      const raw = node.value.kind === Kind.INT ? Number(node.value.value) : node.value.kind === Kind.VARIABLE ? variables[node.value.name.value] : undefined
      if (typeof raw !== 'number') return
      const bad = node.name.value === 'limit' ? raw < 0 || raw === 0 || raw > settings.maxLimit : raw < 1
      if (bad) context.reportError(new GraphQLError(node.name.value === 'limit' ? `limit must be from 1 to ${settings.maxLimit}.` : 'page must be a whole number from 1.', { nodes: [node] }))
    },
  })
}
