import type { CollectionBeforeChangeHook } from 'payload'

import type { MemberImport } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { definitionsOf } from '@/members/customFields'
import { CsvHeaderError, MAX_CSV_BYTES, MAX_ROWS, outlineCsv } from '@/members/import/csv'
import type { ImportMode } from '@/members/import/fields'
import { IMPORT_SYSTEM_CONTEXT, importFields, suggestMapping } from '@/members/import/fields'


const LOCKED = ['queued', 'running', 'finished']

function checkMapping(mapping: unknown, headers: readonly string[]): (string | null)[] {
  if (!Array.isArray(mapping) || mapping.length !== headers.length || mapping.some((key) => key !== null && (typeof key !== 'string' || key.length > 100))) {
    throw new RefusedError(`The mapping is a list of ${headers.length} entries, one for each column: the field's name, or null for a column left out.`, 400)
  }
  return mapping.map((key) => (key === '' ? null : key))
}

/**
 * A new import reads its file's header line (delimiter, column names, how many rows) and gets a
 * suggested mapping; changing the mapping or the options of an import not yet run asks for a new
 * dry run. An import queued, running or run is not changed.
 */
export const prepareImport: CollectionBeforeChangeHook<MemberImport> = async ({ context, data, operation, originalDoc, req }) => {
  if (context?.[IMPORT_SYSTEM_CONTEXT]) return data
  if (operation === 'create') {
    const csv = typeof data.csv === 'string' ? data.csv : ''
    if (Buffer.byteLength(csv) > MAX_CSV_BYTES) throw new RefusedError(`The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it into several imports.`, 413)
    if (csv.includes('\u0000')) throw new RefusedError('The file is not text: export the spreadsheet as CSV.', 400)
    let outline
    try {
      outline = await outlineCsv(csv)
    } catch (error) {
      if (error instanceof CsvHeaderError) throw new RefusedError(error.message, 400)
      throw error
    }
    if (outline.rows === 0) throw new RefusedError('The file has column names but no rows.', 400)
    if (outline.rows > MAX_ROWS) throw new RefusedError(`The file has ${outline.rows} rows; at most ${MAX_ROWS} are imported at once: split it.`, 400)
    const fields = importFields((data.mode ?? 'create') as ImportMode, (await definitionsOf(req)).filter((d) => !d.archived))
    return {
      ...data,
      filename: (typeof data.filename === 'string' && data.filename.trim()) || 'import.csv',
      delimiter: outline.delimiter,
      headers: outline.headers,
      rowCount: outline.rows,
      mapping: data.mapping ? checkMapping(data.mapping, outline.headers) : suggestMapping(outline.headers, fields),
      status: 'uploaded',
    }
  }
  if (!originalDoc) return data
  // the admin form sends every field back on save: only a real change of the set-up counts
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  const sameOptions = (a: MemberImport['options'], b: MemberImport['options']) =>
    Boolean(a?.sendWelcome) === Boolean(b?.sendWelcome) && Boolean(a?.sendReceipts) === Boolean(b?.sendReceipts) && (a?.dateOrder ?? 'dmy') === (b?.dateOrder ?? 'dmy')
  const changesSetup = (data.mapping !== undefined && !same(data.mapping, originalDoc.mapping)) || (data.options !== undefined && !sameOptions(data.options, originalDoc.options))
  if (!changesSetup) return data
  if (LOCKED.includes(originalDoc.status)) throw new RefusedError('This import has been run; upload the file again to import it again.', 409)
  return {
    ...data,
    ...(data.mapping !== undefined ? { mapping: checkMapping(data.mapping, (originalDoc.headers as string[] | null) ?? []) } : {}),
    status: 'uploaded',
    dryRun: null,
  }
}
