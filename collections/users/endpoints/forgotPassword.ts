import type { Endpoint } from 'payload'
import { APIError } from 'payload'

import { FORGOT_PASSWORD_ANSWER, requestPasswordReset } from '@/security/passwordReset'
import { guardPublicForm, normaliseAccount, peekBody } from '@/security/publicForm'
import { TooManyRequests, tooManyRequestsResponse } from '@/security/throttle'

/**
 * POST /api/users/forgot-password (the admin panel's form uses it too): honeypot and throttle,
 * then the same answer at the same speed for every email; the work is done by a job.
 */
export const forgotPasswordEndpoint: Endpoint = {
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    const data = await peekBody(req)
    const email = normaliseAccount(data.email)
    if (!email || !email.includes('@') || email.length > 254) throw new APIError('Enter the email address of your account.', 400, undefined, true)
    try {
      const verdict = await guardPublicForm(req.payload, { form: 'forgotPassword', headers: req.headers, account: email, data })
      if (verdict === 'proceed') await requestPasswordReset(req.payload, email)
    } catch (error) {
      if (error instanceof TooManyRequests) return tooManyRequestsResponse(error)
      throw error
    }
    return Response.json({ message: FORGOT_PASSWORD_ANSWER })
  },
}
