import type { Endpoint } from 'payload'

import { guardPublicForm, normaliseAccount, peekBody } from '@/security/publicForm'
import { TooManyRequests, tooManyRequestsResponse } from '@/security/throttle'
import { isExistingAccountRefusal, noticeToOwner } from '@/security/registration'
import { hashForNothing } from '@/security/timing'

import { THROTTLED } from '../hooks/throttleAuth'
import { builtinHandler } from './builtin'

export const REGISTRATION_ACCEPTED =
  'Thank you for registering. We have emailed you a link to confirm your email address: open it before you apply for a membership or pay. You can sign in with your email address and password meanwhile.'

const accepted = () => Response.json({ message: REGISTRATION_ACCEPTED }, { status: 201 })

/**
 * Self-registration (anonymous POST /api/users): honeypot and throttle, and the same answer
 * (201 and a message, no document) whether or not the email already has an account; the
 * owner of an existing one gets an email instead. Staff creating people get Payload's answer.
 */
export const registerEndpoint: Endpoint = {
  path: '/',
  method: 'post',
  handler: async (req) => {
    const builtin = builtinHandler(req, registerEndpoint)
    if (req.user) return builtin(req)
    const data = await peekBody(req)
    try {
      if ((await guardPublicForm(req.payload, { form: 'register', headers: req.headers, account: data.email as string, data })) === 'trapped') return accepted()
    } catch (error) {
      if (error instanceof TooManyRequests) return tooManyRequestsResponse(error)
      throw error
    }
    req.context = { ...req.context, [THROTTLED]: true }
    try {
      const response = await builtin(req)
      return response.status === 201 ? accepted() : response
    } catch (error) {
      if (!isExistingAccountRefusal(error)) throw error
      // a new account's password is hashed; spend the same time here
      await hashForNothing(data.password)
      await noticeToOwner(req.payload, normaliseAccount(data.email)!)
      return accepted()
    }
  },
}
