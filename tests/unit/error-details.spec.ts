import { describe, expect, it } from 'vitest'

import { keepErrorDetails } from '@/lib/errors'

/** What Payload's formatErrors answers when its instanceof check does not recognise the error. */
const bare = (message: string) => ({ errors: [{ message }] })
const run = (error: unknown, result: unknown) => keepErrorDetails({ error, result, req: {} as never, context: {} } as never)

describe('keepErrorDetails', () => {
  it("puts a validation error's reasons back beside its message, as development answers", () => {
    // an error of a class the bundle's instanceof does not know, as in production
    const error = Object.assign(new Error('The following field is invalid: file'), { name: 'a', status: 400, data: { errors: [{ message: 'Invalid PDF file.', path: 'file' }] } })
    expect(run(error, bare('The following field is invalid: file'))).toEqual({
      response: { errors: [{ name: 'ValidationError', data: { errors: [{ message: 'Invalid PDF file.', path: 'file' }] }, message: 'The following field is invalid: file' }] },
    })
  })

  it('leaves alone server errors, errors without details, and responses that already have them', () => {
    const withData = { status: 500, message: 'boom', data: { secret: true } }
    expect(run(withData, bare('Something went wrong.'))).toBeUndefined()
    expect(run({ status: 409, message: 'This shift is full.' }, bare('This shift is full.'))).toBeUndefined()
    const complete = { errors: [{ name: 'ValidationError', data: { errors: [] }, message: 'x' }] }
    expect(run({ status: 400, message: 'x', data: { errors: [] } }, complete)).toBeUndefined()
  })
})
