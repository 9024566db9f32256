/**
 * Where to send someone after signing in: only a path on this site. Anything that a browser
 * could read as another host (`//evil.example`, `/\evil.example`, `https://…`) falls back.
 */
export function safeRedirectPath(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string') return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback
  if (/[\u0000-\u001f]/.test(value)) return fallback
  return value
}
