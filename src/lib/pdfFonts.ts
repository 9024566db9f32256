/**
 * The fonts of the PDFs members download (membership cards, receipts): DejaVu Sans, from the
 * `dejavu-fonts-ttf` package, which pdfkit embeds and subsets (only the glyphs a document uses go
 * in, so a receipt stays a few tens of kilobytes). pdfkit's built-in Helvetica only covers Latin-1,
 * so "Łukasz Wałęsa" or "Дмитрий" came out garbled; DejaVu Sans covers every Latin, Greek and
 * Cyrillic letter. A character it has no glyph for (Chinese, Japanese, Korean) is drawn as its
 * empty box: the PDF is still made, and the rest of the text reads as it should.
 *
 * The files are found at run time from the app's own package.json (process.cwd(), as `npm run
 * dev`, `next start` and vitest all run from the app's folder), not from this module's location,
 * which a Next.js build moves; pdfkit (kept unbundled by next.config.ts) reads them from disk.
 */
import { createRequire } from 'node:module'
import path from 'node:path'

/** Absolute paths of the regular and bold faces, for pdfkit's `font` option and `doc.font()`. */
export type PdfFonts = { readonly regular: string; readonly bold: string }

let resolved: PdfFonts | undefined

export function pdfFonts(): PdfFonts {
  if (!resolved) {
    const requireFromApp = createRequire(path.join(process.cwd(), 'package.json'))
    resolved = {
      regular: requireFromApp.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      bold: requireFromApp.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    }
  }
  return resolved
}
