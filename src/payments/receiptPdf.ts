/**
 * A receipt as an A4 PDF (pdfkit), for members to download and keep: the same details as the
 * receipt page (`ReceiptView`). Text is set in DejaVu Sans (src/lib/pdfFonts.ts), embedded, so
 * names and organisations in any Latin, Greek or Cyrillic letters show as written, as do £, € and
 * typographic quotes.
 */
import PDFDocument from 'pdfkit'

import { pdfFonts } from '@/lib/pdfFonts'

import type { ReceiptView } from './receipt'

const INK = '#0f172a'
const MUTED = '#475569'
const BRAND = '#172554'
const RULE = '#cbd5e1'

const LABEL_WIDTH = 150

export function renderReceiptPdf(view: ReceiptView): Promise<Buffer> {
  const font = pdfFonts()
  const doc = new PDFDocument({
    size: 'A4',
    font: font.regular,
    margin: 56,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `Receipt ${view.receiptNumber}`,
      Author: view.organisationName,
      Subject: `Receipt ${view.receiptNumber} for ${view.memberName}`,
      Creator: 'Hangar',
    },
  })
  const chunks: Buffer[] = []
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right

  const rule = () => {
    doc.moveDown(0.6)
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.75).strokeColor(RULE).stroke()
    doc.moveDown(0.8)
  }

  /** A label and its value side by side; the value wraps in its column. */
  const row = (label: string, ...lines: Array<string | null | undefined>) => {
    const values = lines.filter((line): line is string => Boolean(line))
    if (values.length === 0) return
    const top = doc.y
    doc.font(font.regular).fontSize(11).fillColor(MUTED).text(label, left, top, { width: LABEL_WIDTH - 10 })
    const labelBottom = doc.y
    doc.font(font.regular).fontSize(11).fillColor(INK).text(values.join('\n'), left + LABEL_WIDTH, top, { width: width - LABEL_WIDTH })
    doc.x = left
    doc.y = Math.max(labelBottom, doc.y) + 6
  }

  doc.font(font.bold).fontSize(20).fillColor(BRAND).text(view.organisationName, { width })
  doc.moveDown(0.2)
  doc.font(font.regular).fontSize(14).fillColor(INK).text(`Receipt ${view.receiptNumber}`)
  rule()

  row('Receipt number', view.receiptNumber)
  row('Date', view.date)
  row('Received from', view.memberName, view.memberEmail)
  if (view.membership) {
    row(
      'Membership',
      view.membership.tier,
      view.membership.organisationName,
      view.membership.number ? `Membership number ${view.membership.number}` : null,
      view.membership.paidUntil ? `Paid up until ${view.membership.paidUntil}` : null,
    )
  }
  row('Amount', view.amount, view.discount)
  row('Paid by', view.method)
  row('Status', view.statusLabel)

  if (view.refunds.length > 0) {
    rule()
    doc.font(font.bold).fontSize(12).fillColor(INK).text('Refunds', left)
    doc.moveDown(0.4)
    for (const refund of view.refunds) {
      row(refund.date, `${refund.amount}: ${refund.status}`, refund.reason)
    }
    row('Refunded in all', view.refundedTotal)
    row('Kept', view.keptTotal)
  }

  rule()
  doc
    .font(font.regular)
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Thank you. This receipt was issued by ${view.organisationName}. Keep it for your records.`, left, doc.y, { width })

  doc.end()
  return finished
}
