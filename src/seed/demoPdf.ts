import PDFDocument from 'pdfkit'

/**
 * A small, real PDF for a demo document (pdfkit's built-in Helvetica, so no font files are
 * read): a title, who it is for, and a few paragraphs. Made at seed time, so the demo's files
 * open in any reader and download like an uploaded one.
 */
export function demoPdf(args: { title: string; audience: string; paragraphs: readonly string[]; organisation: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // a fixed creation date keeps the bytes the same from one seed to the next
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: args.title, Author: args.organisation, CreationDate: new Date(Date.UTC(2026, 0, 1)) } })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)

    doc.font('Helvetica').fontSize(10).fillColor('#555555').text(args.organisation)
    doc.moveDown(0.5)
    doc.font('Helvetica-Bold').fontSize(20).fillColor('#111111').text(args.title)
    doc.font('Helvetica').fontSize(10).fillColor('#555555').text(`For: ${args.audience}`)
    doc.moveDown()
    doc.fontSize(12).fillColor('#111111')
    for (const paragraph of args.paragraphs) doc.text(paragraph, { align: 'left' }).moveDown(0.6)
    doc.moveDown()
    doc.fontSize(9).fillColor('#777777').text('Demonstration document created by Hangar’s demo data.')
    doc.end()
  })
}
