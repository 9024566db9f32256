import { describe, expect, it } from 'vitest'

import { explainUniqueConflicts, keepErrorDetails, keepRefusalMessages } from '@/lib/errors'

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

describe('keepRefusalMessages', () => {
  const keep = (error: unknown, result: unknown) => keepRefusalMessages({ error, result, req: {} as never, context: {} } as never)
  const unknown = bare('An unknown error occurred.')

  it("gives back a refusal's own message where the production bundle's nameless APIError lost it", () => {
    // the class Payload's formatter sees in production: an APIError whose name is empty
    const error = Object.assign(new Error('You are not allowed to filter or sort on "proposedBy.email".'), { name: '', status: 403 })
    expect(keep(error, unknown)).toEqual({ response: { errors: [{ message: 'You are not allowed to filter or sort on "proposedBy.email".' }] } })
  })

  it('leaves server errors hidden, and answers that already say something', () => {
    expect(keep(Object.assign(new Error('connection refused at 10.0.0.3'), { name: '', status: 500 }), unknown)).toBeUndefined()
    expect(keep(Object.assign(new Error('no status: a fault'), { name: '' }), unknown)).toBeUndefined()
    expect(keep({ status: 409, message: 'This shift is full.' }, bare('This shift is full.'))).toBeUndefined()
    expect(keep({ status: 400, message: 'x', data: { errors: [] } }, { errors: [{ message: 'An unknown error occurred.', data: { errors: [] } }] })).toBeUndefined()
  })
})

describe('explainUniqueConflicts', () => {
  const collection = {
    flattenedFields: [
      { name: 'openKey', type: 'text', custom: { uniqueConflict: 'Already applied.' } },
      { name: 'name', type: 'text' },
    ],
  }
  const unique = (path: string) => ({ name: 'ValidationError', status: 400, message: `The following field is invalid: ${path}`, data: { errors: [{ message: 'Value must be unique', path }] } })
  const explain = (error: unknown) => explainUniqueConflicts({ error, collection, req: {} as never, context: {} } as never)

  it("answers 409 with the field's message for a unique refusal on a field marked as a conflict", () => {
    expect(explain(unique('openKey'))).toEqual({ status: 409, response: { errors: [{ name: 'ConflictError', message: 'Already applied.' }] } })
  })

  it('leaves alone unmarked fields, other validation reasons and errors outside a collection', () => {
    expect(explain(unique('name'))).toBeUndefined()
    expect(explain({ ...unique('openKey'), data: { errors: [{ message: 'This field is required.', path: 'openKey' }] } })).toBeUndefined()
    expect(explainUniqueConflicts({ error: unique('openKey'), req: {} as never, context: {} } as never)).toBeUndefined()
  })

  it("gives an index across fields the collection's message (a function of the request), and leaves its own fields to theirs", () => {
    const replies = { ...collection, custom: { uniqueConflict: (req: { guest?: boolean }) => (req.guest ? 'Email registered already.' : 'Replied already.') } }
    const across = (error: unknown, req: object) => explainUniqueConflicts({ error, collection: replies, req, context: {} } as never)
    expect(across(unique('event_id, member_id'), {})).toEqual({ status: 409, response: { errors: [{ name: 'ConflictError', message: 'Replied already.' }] } })
    expect(across(unique('event_id'), { guest: true })).toEqual({ status: 409, response: { errors: [{ name: 'ConflictError', message: 'Email registered already.' }] } })
    // a unique field of the collection without a message of its own is not taken for the index across fields
    expect(across(unique('name'), {})).toBeUndefined()
  })
})
