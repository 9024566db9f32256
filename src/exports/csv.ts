/**
 * CSV files, streamed (issue 16 point 4). Rows are pulled from an async source one page at a time
 * and written by csv-stringify as the client reads them, so a file of 100,000 rows never sits in
 * memory whole: the stringifier's back-pressure stops the source while the client is slow.
 *
 * Every cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
 * leading `'` (csv-stringify's `escape_formulas`): treasurers open these files in spreadsheets,
 * which would otherwise run a cell such as `=HYPERLINK(…)` typed into a name as a formula.
 * Numbers (a negative amount) are left as numbers. A byte-order mark leads the file so that
 * spreadsheet programs read it as UTF-8 (names with accents).
 */
import { Readable, pipeline } from 'node:stream'

import { stringify } from 'csv-stringify'

export type CsvCell = string | number | boolean | null | undefined

/** The options every Hangar CSV file is written with; tests parse files back with the same rules. */
export const CSV_OPTIONS = { bom: true, escape_formulas: true, record_delimiter: 'unix' } as const

/** "2026-05-01T09:30:00.000Z" for a date, as stored (UTC). */
export const isoDate = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return ''
  const date = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString()
}

/** A file name safe in a Content-Disposition header: letters, digits, dot, dash, underscore. */
export function csvFileName(base: string, date = new Date()): string {
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '-')}-${date.toISOString().slice(0, 10)}.csv`
}

/**
 * A download of `header` then every row `rows` yields. The first rows are produced before this is
 * called (see `exportResponse`), so a refusal or a bad filter is answered as an error, not as a
 * file cut short; a failure later ends the stream with an error (the download fails visibly) and
 * is logged by the caller's `onError`.
 */
export function csvResponse(fileName: string, header: readonly string[], rows: AsyncIterable<CsvCell[]>, onError: (error: unknown) => void): Response {
  const stringifier = stringify({ ...CSV_OPTIONS, header: true, columns: header.map((name, index) => ({ key: String(index), header: name })) })
  const source = Readable.from(rows, { objectMode: true, highWaterMark: 1 })
  // a failure on either side ends both: a download the client gave up stops the reading
  pipeline(source, stringifier, (error) => {
    if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') onError(error)
  })
  const body = Readable.toWeb(stringifier) as unknown as ReadableStream<Uint8Array>
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
