import type { TaskConfig } from 'payload'

import { runImport } from '@/members/import/run'

/**
 * Runs a member import (issue 16 points 5 and 6) queued from the admin panel
 * (`POST /api/member-imports/:id/run`): on its own queue, so a long import never holds up emails
 * or payments. Its progress and report are saved on the import as it goes (src/members/import/run.ts).
 */
export const memberImportTask: TaskConfig<'memberImport'> = {
  slug: 'memberImport',
  label: 'Import members from a spreadsheet',
  inputSchema: [{ name: 'import', type: 'number', required: true }],
  outputSchema: [
    { name: 'created', type: 'number' },
    { name: 'updated', type: 'number' },
    { name: 'unchanged', type: 'number' },
    { name: 'failed', type: 'number' },
  ],
  // a failed run is marked failed on the import, with the reason; the admin runs it again from there
  retries: 0,
  handler: async ({ input, req }) => {
    const counts = await runImport(req.payload, Number(input.import))
    return { output: { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, failed: counts.failed } }
  },
}
