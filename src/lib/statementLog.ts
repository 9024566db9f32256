/**
 * Which SQL statements a piece of work sends, for tests and benchmarks that hold a page or an
 * endpoint to a statement budget ("the account page in at most 10 statements"). Both database
 * adapters hand every statement to drizzle's logger; this logger records it for whoever is
 * counting in the current async flow (AsyncLocalStorage), so work running beside it at the same
 * time is not counted, and costs a lookup per statement otherwise.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

type Recording = { statements: string[] }

const recording = new AsyncLocalStorage<Recording>()

/** The drizzle logger both adapters are given (src/lib/database.ts). */
export const statementLogger = {
  logQuery(query: string): void {
    recording.getStore()?.statements.push(query)
  },
}

/** Runs `work` and returns what it returned with the SQL statements it sent, in order. */
export async function recordStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const store: Recording = { statements: [] }
  const result = await recording.run(store, work)
  return { result, statements: store.statements }
}
