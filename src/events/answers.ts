/**
 * An event's registration form (seed 004's dynamic forms): the questions the organiser defines in
 * the admin panel (text, number, date, choice, yes/no; required or not; with help text), the
 * server-side check of the answers, and the prefill of a new form from what the member answered
 * before and from their profile. All pure.
 */
import { isValid } from 'date-fns/isValid'
import { parseISO } from 'date-fns/parseISO'

export const QUESTION_KINDS = ['text', 'number', 'date', 'choice', 'yes_no'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

export type EventQuestion = {
  key: string
  label: string
  kind: QuestionKind | string
  choices?: string[] | null
  required?: boolean | null
  help?: string | null
}

export type Answer = string | number | boolean
export type AnswerCheck = { ok: true; answers: Record<string, Answer> } | { ok: false; message: string }

const MAX_TEXT = 1000

function checkOne(question: EventQuestion, value: unknown): { ok: true; value: Answer } | { ok: false; message: string } {
  switch (question.kind) {
    case 'yes_no':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: `${question.label}: answer yes or no (true or false).` }
    case 'choice':
      return typeof value === 'string' && (question.choices ?? []).includes(value)
        ? { ok: true, value }
        : { ok: false, message: `${question.label}: choose one of ${(question.choices ?? []).join(', ')}.` }
    case 'number': {
      const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value
      return typeof number === 'number' && Number.isFinite(number) && Math.abs(number) < 1e12
        ? { ok: true, value: number }
        : { ok: false, message: `${question.label}: a number, e.g. 42.` }
    }
    case 'date': {
      const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : null
      return day && isValid(parseISO(day)) && parseISO(day).toISOString().slice(0, 10) === day
        ? { ok: true, value: day }
        : { ok: false, message: `${question.label}: a date written year-month-day, e.g. 2027-06-14.` }
    }
    default:
      return typeof value === 'string' && value.length <= MAX_TEXT
        ? { ok: true, value: value.trim() }
        : { ok: false, message: `${question.label}: a text answer of at most ${MAX_TEXT} characters.` }
  }
}

/** The answers, checked against the questions: required ones given, each of its kind, none unknown. */
export function checkAnswers(questions: readonly EventQuestion[] | null | undefined, given: unknown): AnswerCheck {
  const input = given && typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {}
  const answers: Record<string, Answer> = {}
  for (const question of questions ?? []) {
    const value = input[question.key]
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
    if (empty) {
      if (question.required) return { ok: false, message: `Please answer: ${question.label}` }
      continue
    }
    const checked = checkOne(question, value)
    if (!checked.ok) return checked
    answers[question.key] = checked.value
  }
  const unknown = Object.keys(input).filter((key) => !(questions ?? []).some((q) => q.key === key))
  if (unknown.length > 0) return { ok: false, message: `This event does not ask: ${unknown.join(', ')}.` }
  return { ok: true, answers }
}

/** Keys match loosely: "Dietary needs", "dietary_needs" and "dietaryNeeds" are the same field. */
export const fieldNameKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')

/**
 * What a new form starts with: for each question, the member's most recent earlier answer to a
 * question of the same name (newest first in `earlier`), else the profile's field of that name;
 * only values the question would accept.
 */
export function prefillAnswers(
  questions: readonly EventQuestion[] | null | undefined,
  earlier: ReadonlyArray<Record<string, unknown> | null | undefined>,
  profile: Record<string, unknown> = {},
): Record<string, Answer> {
  const named = (source: Record<string, unknown> | null | undefined, question: EventQuestion): unknown => {
    const wanted = [fieldNameKey(question.key), fieldNameKey(question.label)]
    for (const [name, value] of Object.entries(source ?? {})) {
      if (value !== null && value !== undefined && value !== '' && wanted.includes(fieldNameKey(name))) return value
    }
    return undefined
  }
  const prefill: Record<string, Answer> = {}
  for (const question of questions ?? []) {
    for (const source of [...earlier, profile]) {
      const value = named(source, question)
      if (value === undefined) continue
      const checked = checkOne(question, value)
      if (checked.ok) prefill[question.key] = checked.value
      break
    }
  }
  return prefill
}
