/**
 * What a password must be (SPEC §11): at least 12 characters, and not a common or easily guessed
 * one (zxcvbn-ts with its common-passwords dictionary: "password1234", "qwertyuiop123",
 * "abcdefghijkl" are refused). Applies wherever a password is set: registration, change, reset.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'

export const MIN_PASSWORD_LENGTH = 12
/** zxcvbn's 0-4 scale: 0-1 are guessed within about a million attempts */
export const MIN_PASSWORD_SCORE = 2

let estimator: ZxcvbnFactory | undefined
const strength = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }))

/** Why a password is refused, in words for the person choosing it, or undefined when it will do. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`
  }
  // the estimate's cost grows with length; the first 100 characters decide
  if (strength().check(password.slice(0, 100)).score < MIN_PASSWORD_SCORE) {
    return 'This password is too common or too easy to guess. Choose a longer or less predictable one.'
  }
  return undefined
}
