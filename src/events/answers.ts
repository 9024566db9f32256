/** Answers to an event's own questions (text, choice, yes/no; required or not), checked as one pure function. */
export type EventQuestion = { key: string; label: string; kind: 'text' | 'choice' | 'yes_no' | string; choices?: string[] | null; required?: boolean | null }

export type AnswerCheck = { ok: true; answers: Record<string, string | boolean> } | { ok: false; message: string }

export function checkAnswers(questions: readonly EventQuestion[] | null | undefined, given: unknown): AnswerCheck {
  const input = given && typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {}
  const answers: Record<string, string | boolean> = {}
  for (const question of questions ?? []) {
    const value = input[question.key]
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
    if (empty) {
      if (question.required) return { ok: false, message: `Please answer: ${question.label}` }
      continue
    }
    if (question.kind === 'yes_no') {
      if (typeof value !== 'boolean') return { ok: false, message: `${question.label}: answer yes or no (true or false).` }
      answers[question.key] = value
    } else if (question.kind === 'choice') {
      if (typeof value !== 'string' || !(question.choices ?? []).includes(value)) {
        return { ok: false, message: `${question.label}: choose one of ${(question.choices ?? []).join(', ')}.` }
      }
      answers[question.key] = value
    } else {
      if (typeof value !== 'string' || value.length > 1000) return { ok: false, message: `${question.label}: a text answer of at most 1000 characters.` }
      answers[question.key] = value.trim()
    }
  }
  const unknown = Object.keys(input).filter((key) => !(questions ?? []).some((q) => q.key === key))
  if (unknown.length > 0) return { ok: false, message: `This event does not ask: ${unknown.join(', ')}.` }
  return { ok: true, answers }
}
