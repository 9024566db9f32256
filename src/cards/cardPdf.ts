/**
 * A membership card as a PDF (pdfkit, as receipts are: src/payments/receiptPdf.ts): an A4 page with
 * the card to cut out, showing the organisation, the holder, the tier, the membership number, the
 * valid-until date and the QR code (drawn as vector squares, so it prints sharp at any size). The
 * QR code is also a link to the verify page, for a card kept on a phone.
 * The holder's photo, when they have one (src/cards/photo.ts), sits above the QR code's column.
 * Text is set in DejaVu Sans (src/lib/pdfFonts.ts), so any Latin, Greek or Cyrillic name shows as written.
 */
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'

import { pdfFonts } from '@/lib/pdfFonts'

import type { MembershipCard } from './cards'
import { cardDate } from './validity'

const INK = '#0f172a'
const MUTED = '#475569'
const BRAND = '#172554'
const RULE = '#94a3b8'

/** The card's size on the page (points): larger than a bank card, so the QR code reads easily. */
const CARD = { width: 400, height: 230, padding: 18, qr: 170 } as const

export type CardPdfView = { organisationName: string; card: MembershipCard; link: string; /** JPEG or PNG */ photo?: Buffer | null }

export const cardFileName = (card: MembershipCard) => `membership-card-${(card.membershipNumber ?? String(card.membership)).replace(/[^\w-]/g, '')}.pdf`

/** Draws a QR code's dark modules as squares at (x, y), `size` points wide. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  const cell = size / (modules.size + quiet * 2)
  doc.save().rect(x, y, size, size).fill('#ffffff')
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.02, cell + 0.02)
    }
  }
  doc.fill('#000000').restore()
}

export function renderCardPdf(view: CardPdfView): Promise<Buffer> {
  const { card } = view
  const font = pdfFonts()
  const doc = new PDFDocument({
    size: 'A4',
    font: font.regular,
    margin: 56,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: `Membership card: ${card.holderName}`, Author: view.organisationName, Subject: `${view.organisationName} membership card`, Creator: 'Hangar' },
  })
  const chunks: Buffer[] = []
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const left = doc.page.margins.left
  const top = doc.page.margins.top
  doc.font(font.regular).fontSize(10).fillColor(MUTED).text('Your membership card. Print it and cut along the line, or keep this file on your phone.', left, top, { width: 480 })

  const x = left
  const y = top + 30
  const photoSize = view.photo ? 72 : 0
  // room for the photo between the details and the QR code
  const cardWidth = CARD.width + (photoSize ? photoSize + CARD.padding : 0)
  doc.roundedRect(x, y, cardWidth, CARD.height, 10).lineWidth(0.75).dash(4, { space: 3 }).strokeColor(RULE).stroke().undash()

  const textLeft = x + CARD.padding
  const textWidth = CARD.width - CARD.qr - CARD.padding * 3
  if (view.photo) {
    try {
      doc.image(view.photo, x + cardWidth - CARD.qr - CARD.padding * 2 - photoSize, y + CARD.padding, { width: photoSize, height: photoSize })
    } catch {
      // an image pdfkit cannot read: the card goes out without it
    }
  }
  doc.font(font.bold).fontSize(14).fillColor(BRAND).text(view.organisationName, textLeft, y + CARD.padding, { width: textWidth })
  doc.font(font.regular).fontSize(9).fillColor(MUTED).text('MEMBERSHIP CARD', textLeft, doc.y + 2, { width: textWidth, characterSpacing: 1 })
  doc.font(font.bold).fontSize(15).fillColor(INK).text(card.holderName, textLeft, doc.y + 12, { width: textWidth })

  const field = (label: string, value: string | null) => {
    if (!value) return
    doc.font(font.regular).fontSize(8).fillColor(MUTED).text(label.toUpperCase(), textLeft, doc.y + 6, { width: textWidth, characterSpacing: 0.5 })
    doc.font(font.regular).fontSize(11).fillColor(INK).text(value, textLeft, doc.y + 1, { width: textWidth })
  }
  field('Membership', card.via === 'seat' && card.organisationName ? `${card.tierName}, seat of ${card.organisationName}` : card.organisationName ? `${card.tierName}, ${card.organisationName}` : card.tierName)
  field('Membership number', card.membershipNumber)
  field('Valid until', cardDate(card.validUntil))

  const qrX = x + cardWidth - CARD.padding - CARD.qr
  const qrY = y + (CARD.height - CARD.qr) / 2
  drawQr(doc, view.link, qrX, qrY, CARD.qr)
  doc.link(qrX, qrY, CARD.qr, CARD.qr, view.link)

  doc
    .font(font.regular)
    .fontSize(9)
    .fillColor(MUTED)
    .text('Scan the code to check the card: it shows whether the membership is valid today.', left, y + CARD.height + 14, { width: 480 })

  doc.end()
  return finished
}
