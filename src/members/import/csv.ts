/**
 * Reading an uploaded spreadsheet export (CSV) with csv-parse, streamed record by record: a byte
 * order mark is dropped, the delimiter (comma, semicolon or tab: spreadsheets in many European
 * locales write semicolons) is read from the header line, quoted fields may hold delimiters, quotes
 * and line breaks. A record csv-parse cannot read (a stray quote) is reported with its line and the
 * reading goes on. Line numbers are the file's own, as a spreadsheet shows them (the header is 1).
 */
import { Readable } from 'node:stream'

import { parse } from 'csv-parse'

export const DELIMITERS = [',', ';', '\t'] as const
export type Delimiter = (typeof DELIMITERS)[number]

/** Largest file taken (bytes of text). 10,000 rows of a typical export are about 2 MB. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024
/** Most data rows in one import. */
export const MAX_ROWS = 50_000

/** The delimiter the header line (the first line with any text) uses most, counting only outside quotes; a comma when it holds none. */
export function detectDelimiter(text: string): Delimiter {
  let counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  let content = false
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '"') {
      quoted = !quoted
      content = true
    } else if (!quoted && (char === '\n' || char === '\r')) {
      if (content) break
      // a blank line, or one of delimiters only (csv-parse skips it too): not the header
      counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
    } else if (!quoted && counts.has(char as Delimiter)) counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1)
    else if (char.trim()) content = true
  }
  let best: Delimiter = ','
  for (const delimiter of DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter
  return best
}

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string }

/** Words for csv-parse's error codes, as the person who exported the file would understand them. */
function readableError(error: { code?: string; message?: string }): string {
  switch (error.code) {
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
    case 'INVALID_CLOSING_QUOTE':
      return 'a quote (") in the middle of a value: a value holding quotes must itself be in quotes, with each quote doubled ("").'
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed (a missing ").'
    case 'CSV_MAX_RECORD_SIZE':
      return 'the row is too long.'
    default:
      return `the row cannot be read as CSV (${(error.message ?? 'unknown error').split('\n')[0]}).`
  }
}

/**
 * Every record of the text, the header first, as the file's line number and its cells (or why it
 * could not be read). Blank lines and rows of empty cells are left out.
 */
export async function* readCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): AsyncGenerator<CsvRecord> {
  const skipped: CsvRecord[] = []
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    max_record_size: 100_000,
    on_skip: (error) => {
      if (error) skipped.push({ line: (error as { lines?: number }).lines ?? 0, error: readableError(error) })
      return undefined
    },
  })
  Readable.from([text]).pipe(parser)
  for await (const item of parser as AsyncIterable<{ info: { lines: number }; raw: string; record: string[] }>) {
    // a quoted value may span lines: the record's line is where it starts
    const line = item.info.lines - (item.raw.replace(/(\r\n|\n|\r)$/, '').match(/\r\n|\n|\r/g)?.length ?? 0)
    // csv-parse reads ahead: an unreadable record found meanwhile is given in its place
    while (skipped.length && skipped[0]!.line < line) yield skipped.shift()!
    yield { line, cells: item.record }
  }
  while (skipped.length) yield skipped.shift()!
}

export type CsvOutline = { delimiter: Delimiter; headers: string[]; rows: number }

/** The header row, the delimiter and how many data rows follow (records, not lines). */
export async function outlineCsv(text: string): Promise<CsvOutline> {
  const delimiter = detectDelimiter(text)
  let headers: string[] | null = null
  let rows = 0
  for await (const record of readCsv(text, delimiter)) {
    if (headers === null) {
      if ('error' in record) throw new CsvHeaderError(`The first line cannot be read as column names: ${record.error}`)
      headers = record.cells.map((cell) => cell.trim())
    } else rows++
  }
  if (!headers) throw new CsvHeaderError('The file is empty: it needs a first line of column names and a row for each person.')
  if (headers.every((header) => !header)) throw new CsvHeaderError('The first line must name the columns (e.g. Email, First name, Last name, Tier).')
  return { delimiter, headers, rows }
}

export class CsvHeaderError extends Error {}
