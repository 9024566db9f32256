/**
 * A token from a page's path (an emailed link), as sent. A path that is not valid percent-encoding
 * (`%E0%A4%A`) names no link: the page says so, rather than failing with an error.
 */
export function decodedPathToken(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return ''
  }
}
