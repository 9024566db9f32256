'use client'
export function ImportWizard() {
  return null
}
