/** The account people pay event fees into by bank transfer, checked with ibantools (IBAN, or a UK sort code and account number). */
import { electronicFormatIBAN, friendlyFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools'

export type AccountCheck = { ok: true; account: string; display: string } | { ok: false; message: string }

const IBAN_REASONS: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANCountry]: 'its country code is not one that uses IBANs',
  [ValidationErrorsIBAN.WrongBBANLength]: 'it has the wrong number of characters for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'its account part is not in its country’s format',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'its check digits are not digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'its check digits do not match (a mistyped character?)',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'its national check digits do not match',
}

/** An IBAN (any country), or a UK `sort code / account number` such as `20-00-00 12345678`. */
export function checkBankAccount(value: unknown): AccountCheck {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, message: 'Give the account number people pay into (an IBAN, or a sort code and account number).' }
  const raw = value.trim()
  const uk = /^(\d{2})[- ]?(\d{2})[- ]?(\d{2})\s*\/?\s*(\d{8})$/.exec(raw)
  if (uk) return { ok: true, account: `${uk[1]}-${uk[2]}-${uk[3]} ${uk[4]}`, display: `Sort code ${uk[1]}-${uk[2]}-${uk[3]}, account ${uk[4]}` }
  const iban = electronicFormatIBAN(raw)
  if (!iban) return { ok: false, message: 'The account number is neither an IBAN nor a sort code and account number.' }
  const result = validateIBAN(iban)
  if (!result.valid) {
    const reason = result.errorCodes.map((code) => IBAN_REASONS[code]).find(Boolean) ?? 'it is not a valid IBAN'
    return { ok: false, message: `The IBAN ${friendlyFormatIBAN(iban) ?? raw} is not valid: ${reason}.` }
  }
  return { ok: true, account: iban, display: friendlyFormatIBAN(iban) ?? iban }
}
