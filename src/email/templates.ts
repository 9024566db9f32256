/**
 * The emails Hangar sends (SPEC §4) and their default wording. Admins can edit the subject and
 * body of each in the admin panel; these defaults are what a fresh installation is seeded with
 * and what "reset to default" goes back to.
 *
 * Templates are mustache with dotted names (`{{member.firstName}}`); see `render.ts`. Values are
 * formatted by the caller (dates as "21 November 2027", money as "£25.00"), so templates never
 * need logic beyond an optional `{{#name}}…{{/name}}` section. Wording is British English and
 * never names an organisation: `{{organisation.name}}` does that.
 */

export const EMAIL_TEMPLATE_KEYS = [
  'welcome',
  'application-received',
  'application-approved',
  'application-rejected',
  'payment-receipt',
  'renewal-reminder',
  'membership-lapsed',
  'meeting-notice',
  'rsvp-confirmation',
  'waitlist-promotion',
  'certificate-expiring',
  'admin-new-application',
  'admin-new-payment',
  'admin-payment-cancelled',
  'admin-failed-job',
  'sign-in-link',
  'seat-added',
  'household-added',
  'notice',
  'event-cancelled',
  'event-reservation-expired',
  'event-reservation-expiring',
  'event-registration-open',
  'event-proposal-approved',
  'event-proposal-rejected',
  'event-proposal-received',
  'event-guest-confirm',
  'event-guest-registered',
  'event-changed',
  'event-registrants-message',
  'registration-attempt',
  'password-reset',
  'email-change-confirm',
  'email-changed',
  'verify-email',
  'invitation',
  'inquiry-received',
  'inquiry-assigned',
  'inquiry-reply',
  'inquiry-follow-up',
] as const

export type EmailTemplateKey = (typeof EMAIL_TEMPLATE_KEYS)[number]

export function isEmailTemplateKey(value: unknown): value is EmailTemplateKey {
  return typeof value === 'string' && (EMAIL_TEMPLATE_KEYS as readonly string[]).includes(value)
}

export type EmailTemplateDefault = {
  /** the name admins see in the template list */
  label: string
  /** when it is sent and which variables it can use */
  description: string
  subject: string
  body: string
  /** realistic data for the admin preview; holds every variable the default uses */
  sample: Record<string, unknown>
}

// Sample data for previews, shared so every template shows the same person and membership.
const organisation = { name: 'Riverside Airfield Association' }
const member = { firstName: 'Alex', lastName: 'Morgan', email: 'alex.morgan@example.com' }
const membership = {
  tier: 'Personal',
  number: 'RAA-000123',
  status: 'Active',
  periodStart: '21 November 2026',
  periodEnd: '21 November 2027',
}
const corporateMembership = { ...membership, tier: 'Corporate', organisationName: 'Skyline Aviation Ltd' }
const householdMembership = { ...membership, tier: 'Household' }
const links = {
  portal: 'https://members.example.org/account',
  renew: 'https://members.example.org/account/renew',
  join: 'https://members.example.org/join',
  signIn: 'https://members.example.org/sign-in',
  forgotPassword: 'https://members.example.org/forgot-password',
  resetPassword: 'https://members.example.org/reset-password/9c1e4b7f2a',
}
const payment = {
  amount: '£25.00',
  receiptNumber: 'R-2026-0042',
  method: 'Card',
  paidAt: '21 November 2026',
  discount: '£30.00 less household discount',
}
const event = {
  title: 'Quarterly members’ meeting',
  startsAt: 'Thursday 12 March 2026, 7:00pm',
  location: 'Clubhouse, Hangar 2',
}

export const DEFAULT_TEMPLATES: Record<EmailTemplateKey, EmailTemplateDefault> = {
  welcome: {
    label: 'Welcome',
    description:
      'Sent when someone creates an account. Variables: organisation.name, member.firstName, member.email, links.join, links.portal.',
    subject: 'Welcome to {{organisation.name}}, {{member.firstName}}',
    body: `Dear {{member.firstName}},

Thank you for creating an account with {{organisation.name}}. You sign in with {{member.email}}.

If you have not chosen a membership yet, you can see what we offer and join here:

{{links.join}}

Your account page shows your membership, payments and the meetings coming up:

{{links.portal}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, links: { portal: links.portal, join: links.join } },
  },

  'application-received': {
    label: 'Application received',
    description:
      'Sent to an applicant as soon as they submit an application for a tier that needs approval. ' +
      'Variables: organisation.name, member.firstName, membership.tier, links.portal.',
    subject: 'We have received your application to {{organisation.name}}',
    body: `Dear {{member.firstName}},

Thank you for applying for {{membership.tier}} membership of {{organisation.name}}. We have received your application and will review it shortly. We'll email you as soon as a decision has been made.

You can check the progress of your application at any time:

{{links.portal}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, membership: { tier: membership.tier }, links: { portal: links.portal } },
  },

  'application-approved': {
    label: 'Application approved',
    description:
      'Sent to an applicant when an admin approves their application; the membership then awaits payment. ' +
      'Variables: organisation.name, member.firstName, membership.tier, payment.amount (the fee due, optional), links.renew (the page where they pay).',
    subject: 'Your application to {{organisation.name}} has been approved',
    body: `Dear {{member.firstName}},

Good news: your application for {{membership.tier}} membership of {{organisation.name}} has been approved.

To complete your membership, please pay the membership fee{{#payment.amount}} of {{payment.amount}}{{/payment.amount}} online:

{{links.renew}}

Your membership starts as soon as your payment is received. If you would prefer to pay another way, please get in touch.

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      membership: { tier: membership.tier },
      payment: { amount: '£5.00' },
      links: { renew: links.renew },
    },
  },

  'application-rejected': {
    label: 'Application not accepted',
    description:
      'Sent to an applicant when an admin rejects their application; the admin must give a reason, which is included. ' +
      'Variables: organisation.name, member.firstName, membership.tier, reason.',
    subject: 'Your application to {{organisation.name}}',
    body: `Dear {{member.firstName}},

Thank you for your interest in {{organisation.name}}. We have reviewed your application for {{membership.tier}} membership and are sorry to say that we are unable to accept it.
{{#reason}}

The reason given was:

{{reason}}
{{/reason}}

If you have any questions, or your circumstances change, please get in touch.

Kind regards,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      membership: { tier: 'Aircraft Owners' },
      reason: 'The Aircraft Owners tier is for members who own or share an aircraft based at the airport.',
    },
  },

  'payment-receipt': {
    label: 'Payment receipt',
    description:
      'Sent to the payer when a payment succeeds, online or recorded by the treasurer. ' +
      'Variables: organisation.name, member.firstName, payment.receiptNumber, payment.paidAt, payment.amount, payment.method, ' +
      'payment.discount (optional, e.g. "£30.00 less household discount"), membership.tier, membership.number, membership.periodEnd (all optional, for membership payments), links.portal.',
    subject: 'Your receipt from {{organisation.name}} ({{payment.receiptNumber}})',
    body: `Dear {{member.firstName}},

Thank you for your payment to {{organisation.name}}. Please keep this email as your receipt.

Receipt number: {{payment.receiptNumber}}
Date paid: {{payment.paidAt}}
{{#payment.discount}}
Price: {{payment.discount}}
{{/payment.discount}}
Amount paid: {{payment.amount}}
Payment method: {{payment.method}}
{{#membership.tier}}
Membership: {{membership.tier}}{{#membership.number}} ({{membership.number}}){{/membership.number}}
{{/membership.tier}}
{{#membership.periodEnd}}

Your membership now runs until {{membership.periodEnd}}.
{{/membership.periodEnd}}

All your receipts are in the member portal:

{{links.portal}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, payment, membership: householdMembership, links: { portal: links.portal } },
  },

  'renewal-reminder': {
    label: 'Renewal reminder',
    description:
      'Sent before and after a membership’s end date, on the days set in the reminder settings (by default 30, 14, 7 and 0 days before and 7 days after). ' +
      'Variables: organisation.name, member.firstName, membership.tier, membership.periodEnd, ' +
      'reminder.when ("in 30 days", "today", "7 days ago"), reminder.daysLeft (negative after the end date), links.renew.',
    subject: 'Time to renew your {{organisation.name}} membership',
    body: `Dear {{member.firstName}},

The renewal date for your {{membership.tier}} membership of {{organisation.name}} is {{membership.periodEnd}} ({{reminder.when}}).

Renewing online only takes a minute and keeps your access to meetings, events and members' documents:

{{links.renew}}

If you have already renewed, thank you, and please ignore this email.

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      membership,
      reminder: { daysLeft: 14, when: 'in 14 days' },
      links: { renew: links.renew },
    },
  },

  'membership-lapsed': {
    label: 'Membership lapsed',
    description:
      'Sent when a membership lapses at the end of its grace period without being renewed. ' +
      'Variables: organisation.name, member.firstName, membership.tier, membership.periodEnd, links.renew.',
    subject: 'Your {{organisation.name}} membership has lapsed',
    body: `Dear {{member.firstName}},

Your {{membership.tier}} membership of {{organisation.name}} ended on {{membership.periodEnd}}. As we haven't received a renewal, it has now lapsed, and members' documents and members-only events are no longer available to you.

We would love to have you back. You can renew at any time and your membership restarts as soon as your payment is received:

{{links.renew}}

If you have already paid, or think this is a mistake, please get in touch.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, membership: { ...membership, status: 'Lapsed' }, links: { renew: links.renew } },
  },

  'meeting-notice': {
    label: 'Meeting notice',
    description:
      'Sent to the audience of a meeting or event when an admin publishes it with notification. ' +
      'Variables: organisation.name, member.firstName, event.title, event.startsAt, event.location (optional), links.portal.',
    subject: 'Notice of meeting: {{event.title}}, {{event.startsAt}}',
    body: `Dear {{member.firstName}},

You are invited to {{event.title}}.

When: {{event.startsAt}}
{{#event.location}}
Where: {{event.location}}
{{/event.location}}

Please let us know whether you can come by replying in the member portal, where you will also find the details:

{{links.portal}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, event, links: { portal: links.portal } },
  },

  'rsvp-confirmation': {
    label: 'RSVP confirmation',
    description:
      'Sent to a member (or guest) when they book a place at an event. ' +
      'Variables: organisation.name, member.firstName, event.title, event.startsAt, event.location (optional), links.portal.',
    subject: 'Your place is confirmed: {{event.title}}',
    body: `Dear {{member.firstName}},

Thank you for letting us know you're coming. Your place at {{event.title}} is confirmed.

When: {{event.startsAt}}
{{#event.location}}
Where: {{event.location}}
{{/event.location}}

If your plans change, please cancel your place in the member portal so that someone else can have it:

{{links.portal}}

We look forward to seeing you.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, event, links: { portal: links.portal } },
  },

  'waitlist-promotion': {
    label: 'Waiting list: place available',
    description:
      'Sent to the first person on an event’s waiting list when a place is cancelled and they are moved into it. ' +
      'Variables: organisation.name, member.firstName, event.title, event.startsAt, event.location (optional), event.link, links.portal, ' +
      'registration.amount and registration.heldUntil (only when the place is to be paid for).',
    subject: 'A place has opened up: {{event.title}}',
    body: `Dear {{member.firstName}},

Good news: a place has become free at {{event.title}} and, as you were first on the waiting list, it is now yours.

When: {{event.startsAt}}
{{#event.location}}
Where: {{event.location}}
{{/event.location}}
{{#registration.amount}}

The place costs {{registration.amount}}. We hold it for you until {{registration.heldUntil}}; please pay by then, or it goes to the next person:

{{event.link}}
{{/registration.amount}}

If you can no longer come, please cancel your place in the member portal so that it can go to the next person:

{{links.portal}}

We look forward to seeing you.

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      event: { ...event, link: 'https://members.example.org/events/12' },
      links: { portal: links.portal },
      registration: { amount: '£15.00', heldUntil: 'Friday 6 March 2026, 9:00 am' },
    },
  },

  'certificate-expiring': {
    label: 'Certificate expiring',
    description:
      'Sent to a volunteer before one of their certificates expires. ' +
      'Variables: organisation.name, member.firstName, certificate.type, certificate.expiresOn, reminder.when (optional, e.g. "in 30 days"), links.portal.',
    subject: 'Your {{certificate.type}} certificate expires on {{certificate.expiresOn}}',
    body: `Dear {{member.firstName}},

Your {{certificate.type}} certificate on record with {{organisation.name}} expires on {{certificate.expiresOn}}{{#reminder.when}} ({{reminder.when}}){{/reminder.when}}.

Volunteer roles that need this certificate can only be assigned while it is valid, so please renew it in good time and add the new certificate in the member portal:

{{links.portal}}

Thank you for volunteering with us.

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      certificate: { type: 'Fire Marshal', expiresOn: '21 December 2026' },
      reminder: { daysLeft: 30, when: 'in 30 days' },
      links: { portal: links.portal },
    },
  },

  'admin-new-application': {
    label: 'Admin: new application',
    description:
      'Sent to the admins who review applications when someone applies for a tier that needs approval. ' +
      'Variables: organisation.name, member.firstName, member.lastName, member.email, membership.tier, ' +
      'membership.organisationName (optional, for organisation tiers), links.portal (the application in the admin panel).',
    subject: 'New membership application: {{member.firstName}} {{member.lastName}}',
    body: `Hello,

A new membership application for {{organisation.name}} is waiting for review.

Name: {{member.firstName}} {{member.lastName}}
Email: {{member.email}}
Tier: {{membership.tier}}
{{#membership.organisationName}}
Organisation: {{membership.organisationName}}
{{/membership.organisationName}}

Review the application in the admin panel:

{{links.portal}}`,
    sample: {
      organisation,
      member,
      membership: { tier: corporateMembership.tier, organisationName: corporateMembership.organisationName },
      links: { portal: 'https://members.example.org/admin/collections/memberships/123' },
    },
  },

  'admin-new-payment': {
    label: 'Admin: new payment',
    description:
      'Sent to the treasurer and admins when a payment succeeds. ' +
      'Variables: organisation.name, member.firstName, member.lastName, member.email, payment.amount, payment.method, ' +
      'payment.receiptNumber, payment.paidAt, payment.discount (optional, e.g. "£30.00 less household discount"), membership.tier, membership.number (optional), ' +
      'links.portal (the payment in the admin panel).',
    subject: 'Payment received: {{payment.amount}} from {{member.firstName}} {{member.lastName}}',
    body: `Hello,

A payment to {{organisation.name}} has been received.

From: {{member.firstName}} {{member.lastName}} ({{member.email}})
{{#payment.discount}}
Price: {{payment.discount}}
{{/payment.discount}}
Amount paid: {{payment.amount}}
Payment method: {{payment.method}}
Date paid: {{payment.paidAt}}
Receipt number: {{payment.receiptNumber}}
{{#membership.tier}}
Membership: {{membership.tier}}{{#membership.number}} ({{membership.number}}){{/membership.number}}
{{/membership.tier}}

See the payment in the admin panel:

{{links.portal}}`,
    sample: {
      organisation,
      member,
      payment,
      membership: householdMembership,
      links: { portal: 'https://members.example.org/admin/collections/payments/42' },
    },
  },

  'admin-payment-cancelled': {
    label: 'Admin: payment cancelled (period already paid)',
    description:
      'Sent to the treasurer and admins when an online payment succeeds for a membership period that another payment already paid: ' +
      'it is not applied, it is cancelled and given back through the provider. ' +
      'Variables: organisation.name, member.firstName, member.lastName, member.email, payment.amount, payment.method, ' +
      'payment.paidAt, reason (why it was cancelled and what the provider said), links.portal (the payment in the admin panel).',
    subject: 'Payment cancelled: {{payment.amount}} from {{member.firstName}} {{member.lastName}} paid a period already paid',
    body: `Hello,

A payment to {{organisation.name}} succeeded for a membership period that was already paid, so it was not applied.

From: {{member.firstName}} {{member.lastName}} ({{member.email}})
Amount: {{payment.amount}}
Payment method: {{payment.method}}
Date paid: {{payment.paidAt}}

{{reason}}

Check the payment in the admin panel:

{{links.portal}}`,
    sample: {
      organisation,
      member,
      payment,
      reason: 'The membership period was already paid by payment 41 (receipt 2026-000041). Refunded in full through Square (refund R123, completed).',
      links: { portal: 'https://members.example.org/admin/collections/payments/42' },
    },
  },

  'admin-failed-job': {
    label: 'Admin: failed job',
    description:
      'Sent to admins when a background job (an email, a reminder run, a payment event) fails and will not be retried again. ' +
      'Variables: organisation.name, job.name, job.error, links.portal (the job in the admin panel).',
    subject: 'Background job failed: {{job.name}}',
    body: `Hello,

A background job at {{organisation.name}} has failed and may need your attention.

Job: {{job.name}}
Error: {{job.error}}

You can look at the job and run it again from the admin panel:

{{links.portal}}`,
    sample: {
      organisation,
      job: { name: 'send-email', error: 'Connection timed out while connecting to the mail server' },
      links: { portal: 'https://members.example.org/admin/collections/payload-jobs/17' },
    },
  },

  'sign-in-link': {
    label: 'Sign-in link',
    description:
      'Sent when someone asks to be emailed a sign-in link (the member site’s sign-in page, the admin login page). ' +
      'Variables: organisation.name, member.firstName, links.signIn (the personal sign-in link), code (the one-time code ' +
      'to type on the sign-in page instead), minutes (how long both work).',
    subject: 'Your sign-in link for {{organisation.name}}',
    body: `Hello{{#member.firstName}} {{member.firstName}}{{/member.firstName}},

Use this link to sign in to {{organisation.name}}, then press "Sign in":

{{links.signIn}}

Or, on another device, choose "Sign in with a code" on the sign-in page and type this code with your email address:

{{code}}

The link and the code work once, for {{minutes}} minutes. They are personal to you, so please don't forward this email.

If you didn't ask to sign in, you can safely ignore this email.`,
    sample: {
      organisation,
      member,
      links: { signIn: 'https://members.example.org/sign-in/link/4f7c2a9e1b' },
      code: '482 913',
      minutes: '15',
    },
  },

  'seat-added': {
    label: 'Added to an organisation membership',
    description:
      'Sent to a person when an organisation’s primary contact gives them one of the organisation’s seats. ' +
      'Variables: organisation.name, member.firstName, contact.name (who added them), membership.organisationName, ' +
      'membership.tier, membership.periodEnd, links.signIn.',
    subject: '{{contact.name}} has given you a seat on a {{organisation.name}} membership',
    body: `Hello,

{{contact.name}} has given you a seat on the {{membership.tier}} membership of {{membership.organisationName}} with {{organisation.name}}. While that membership is active you have member access to meetings, events and members' documents.

Sign in with this email address, or create an account with it, to get started:

{{links.signIn}}

If you weren't expecting this, please let us know.

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      contact: { name: 'Sam Patel' },
      membership: corporateMembership,
      links: { signIn: links.signIn },
    },
  },

  'household-added': {
    label: 'Added to a household membership',
    description:
      'Sent to a person when the first member of a household lists them as part of it. ' +
      'Variables: organisation.name, contact.name (who added them), membership.tier, links.join (the page to join the tier).',
    subject: '{{contact.name}} has added you to their household membership of {{organisation.name}}',
    body: `Hello,

{{contact.name}} has added you to their household's {{membership.tier}} membership of {{organisation.name}}. As a second member of the household you can join at the reduced household price.

Sign in (or create an account) with this email address and choose {{membership.tier}}:

{{links.join}}

If you weren't expecting this, please let us know.

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      contact: { name: 'Jamie Morgan' },
      membership: householdMembership,
      links: { join: links.join },
    },
  },

  notice: {
    label: 'Notice to members',
    description:
      'Sent once to everyone in a notice’s audience when it is published with "email the audience". ' +
      'Variables: organisation.name, member.firstName, notice.title, notice.text (the notice as plain text), links.notice.',
    subject: '{{notice.title}}',
    body: `Dear {{#member.firstName}}{{member.firstName}}{{/member.firstName}}{{^member.firstName}}member{{/member.firstName}},

{{notice.title}}

{{notice.text}}

Read it on the member site:

{{links.notice}}

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      notice: { title: 'Runway 04/22 closed for resurfacing', text: 'The main runway will be closed from 3 to 7 March. Grass runway 10/28 remains open.' },
      links: { notice: 'https://members.example.org/notices/runway-closed' },
    },
  },

  'event-cancelled': {
    label: 'Event cancelled',
    description: 'Sent to everyone going or waitlisted when a published event is cancelled. Variables: organisation.name, member.firstName, event.title, event.startsAt, event.location, links.portal.',
    subject: 'Cancelled: {{event.title}}',
    body: `Dear {{member.firstName}},

We are sorry: {{event.title}} on {{event.startsAt}}{{#event.location}} at {{event.location}}{{/event.location}} has been cancelled.

Your place has been released; you do not need to do anything. Other meetings and events are on your account page:

{{links.portal}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, event, links: { portal: links.portal } },
  },

  'event-reservation-expiring': {
    label: 'Event place about to be released (payment reminder)',
    description:
      'Sent once, about two days before a place held for payment is released, when the payment has not arrived. ' +
      'Variables: organisation.name, member.firstName, event.title, event.startsAt, event.link, registration.amount, registration.heldUntil, registration.reference (optional), registration.instructions (optional).',
    subject: 'Please pay for your place by {{registration.heldUntil}}: {{event.title}}',
    body: `Dear {{member.firstName}},

We are holding a place for you at {{event.title}} on {{event.startsAt}}, but we have not yet received your payment of {{registration.amount}}{{#registration.reference}} (reference {{registration.reference}}){{/registration.reference}}.

Unless it reaches us by {{registration.heldUntil}}, the place will be released for others. You can pay, or cancel if you can no longer come, here:

{{event.link}}
{{#registration.instructions}}

{{registration.instructions}}
{{/registration.instructions}}

If you have paid in the last few days, thank you, and please ignore this email.

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      event: { ...event, link: 'https://members.example.org/events/12' },
      registration: { amount: '£15.00', heldUntil: 'Friday 6 March 2026, 9:00am', reference: 'EV12-48213377-QK', instructions: 'Pay by bank transfer to Riverside Airfield Association, sort code 20-00-00, account 12345678.' },
    },
  },
  'event-registration-open': {
    label: 'Event registration is open',
    description:
      'Sent once to each member who asked to be told when an event’s registration opens, when it does. ' +
      'Variables: organisation.name, member.firstName, event.title, event.startsAt, event.location, event.link, event.closesAt (optional), event.placesLeft (optional).',
    subject: 'Registration is open: {{event.title}}',
    body: `Dear {{member.firstName}},

You asked us to tell you when registration opens for {{event.title}} on {{event.startsAt}}{{#event.location}} at {{event.location}}{{/event.location}}. It is open now{{#event.placesLeft}}, with {{event.placesLeft}} places{{/event.placesLeft}}{{#event.closesAt}}, until {{event.closesAt}}{{/event.closesAt}}:

{{event.link}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, event: { ...event, link: 'https://members.example.org/events/12', closesAt: 'Monday 2 March 2026, 6:00pm', placesLeft: '40' } },
  },
  'event-reservation-expired': {
    label: 'Event place released (not paid in time)',
    description:
      'Sent when a place held for payment is released because the payment did not arrive in time. ' +
      'Variables: organisation.name, member.firstName, event.title, event.startsAt, event.link, registration.amount, registration.reference (optional).',
    subject: 'Your place was released: {{event.title}}',
    body: `Dear {{member.firstName}},

We held a place for you at {{event.title}} on {{event.startsAt}}, but the payment of {{registration.amount}}{{#registration.reference}} (reference {{registration.reference}}){{/registration.reference}} did not reach us in time, so the place has been released for others.

If you still want to come, you can register again while places are left:

{{event.link}}

If you have paid in the meantime, please reply to this email and we will sort it out.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, event: { ...event, link: 'https://members.example.org/events/12' }, registration: { amount: '£15.00', reference: 'EV12-48213377-QK' } },
  },

  'event-proposal-approved': {
    label: 'Event proposal approved',
    description: 'Sent to a member whose proposed event is approved and published. Variables: organisation.name, member.firstName, event.title, event.startsAt, links.portal.',
    subject: 'Your event is on: {{event.title}}',
    body: `Dear {{member.firstName}},

Thank you for proposing {{event.title}} on {{event.startsAt}}. It has been approved and is now published for members to see and reply to.

{{links.portal}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, event, links: { portal: links.portal } },
  },

  'event-proposal-rejected': {
    label: 'Event proposal rejected',
    description: 'Sent to a member whose proposed event is not accepted, with the reason. Variables: organisation.name, member.firstName, event.title, event.startsAt, reason.',
    subject: 'Your event proposal: {{event.title}}',
    body: `Dear {{member.firstName}},

Thank you for proposing {{event.title}} on {{event.startsAt}}. We are sorry that we cannot take it forward.

Reason: {{reason}}

If you would like to talk it over, reply to this email.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, event, reason: 'The clubhouse is booked for the AGM that evening.' },
  },

  'event-registrants-message': {
    label: 'Message from the organisers to registrants',
    description:
      'Sent from an event’s registrant list in the admin panel to everyone the list’s filter matched, with the subject and message the organiser wrote. ' +
      'Variables: organisation.name, member.firstName, subject, message, event.title, event.startsAt, links.event.',
    subject: '{{subject}}',
    body: `Dear {{member.firstName}},

A message from the organisers of {{event.title}} ({{event.startsAt}}): {{subject}}

{{message}}

The event's page:
{{links.event}}

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      member,
      subject: 'Parking at the fly-in',
      message: 'Please park on the grass by hangar 3; the apron is closed to cars on the day.',
      event,
      links: { event: 'https://members.example.org/events/12' },
    },
  },

  'registration-attempt': {
    label: 'Someone tried to register with your email',
    description:
      'Sent to the owner of an account when someone tries to create a new account with the same email address ' +
      '(the form answers as for any new account, so it never tells whether an address has an account). ' +
      'Variables: organisation.name, member.firstName, links.signIn, links.forgotPassword.',
    subject: 'Someone tried to create an account with your email address',
    body: `Dear {{member.firstName}},

Someone, perhaps you, tried to create a new account with {{organisation.name}} using this email address. You already have an account, so no new one was made.

You can sign in here:

{{links.signIn}}

If you have forgotten your password, you can choose a new one here:

{{links.forgotPassword}}

If it wasn't you, you don't need to do anything.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, links: { signIn: links.signIn, forgotPassword: links.forgotPassword } },
  },

  'password-reset': {
    label: 'Password reset',
    description:
      'Sent when someone asks to reset the password of an account. Variables: organisation.name, member.firstName, links.resetPassword (the personal link, valid for one hour).',
    subject: 'Choose a new password for {{organisation.name}}',
    body: `Dear {{member.firstName}},

We received a request to reset the password of your {{organisation.name}} account. Use this link to choose a new one:

{{links.resetPassword}}

The link works for one hour. Choosing a new password signs your account out everywhere else.

If you didn't ask for this, you can ignore this email: your password stays as it is.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, links: { resetPassword: links.resetPassword } },
  },

  'email-change-confirm': {
    label: 'Confirm a new email address',
    description:
      'Sent to the new address when a member asks to change the email address of their account. ' +
      'Variables: organisation.name, member.firstName, newEmail, links.confirmEmail (the personal link, valid for 24 hours).',
    subject: 'Confirm your new email address for {{organisation.name}}',
    body: `Dear {{member.firstName}},

You asked to use {{newEmail}} as the email address of your {{organisation.name}} account. Open this link and press "Confirm" to make the change:

{{links.confirmEmail}}

The link works for 24 hours. Until you confirm, you keep signing in with your current address.

If you didn't ask for this, you can ignore this email: nothing changes.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, newEmail: 'alex.new@example.com', links: { confirmEmail: 'https://members.example.org/account/confirm-email/3f9a1c' } },
  },

  'email-changed': {
    label: 'Your email address was changed',
    description:
      'Sent to the previous address once a member has confirmed a new email address for their account. Variables: organisation.name, member.firstName, newEmail.',
    subject: 'The email address of your {{organisation.name}} account has changed',
    body: `Dear {{member.firstName}},

The email address of your {{organisation.name}} account is now {{newEmail}}. From now on, sign in with that address; emails from us go there.

If you didn't make this change, please contact us straight away by replying to this email.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, newEmail: 'alex.new@example.com' },
  },

  'verify-email': {
    label: 'Confirm your email address',
    description:
      'Sent when someone registers on the member site (and when they or staff ask for a new link). Until they confirm, they can sign in but cannot apply or pay. ' +
      'Variables: organisation.name, member.firstName, member.email, links.verifyEmail (the personal link), hours (how long it works), links.portal.',
    subject: 'Please confirm your email address for {{organisation.name}}',
    body: `Dear {{member.firstName}},

Thank you for registering with {{organisation.name}}. Please confirm that {{member.email}} is your email address: open this link and press "Confirm".

{{links.verifyEmail}}

The link works for {{hours}} hours. Until you confirm, you can sign in, but you cannot apply for a membership or pay. If the link has expired, sign in and ask for a new one from your account page:

{{links.portal}}

If you did not register, you can ignore this email.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, hours: '48', links: { verifyEmail: 'https://members.example.org/account/verify-email/7d2e9a', portal: links.portal } },
  },

  invitation: {
    label: 'Invitation to sign in',
    description:
      'Sent when an admin or the secretary invites a person to use their account (someone they added, or brought in by an import). ' +
      'It is a sign-in link with a code, and works longer than one the person asks for. ' +
      'Variables: organisation.name, member.firstName, member.email, links.signIn (the personal link), code, days (how long both work).',
    subject: 'Your account with {{organisation.name}} is ready',
    body: `Dear {{member.firstName}},

{{organisation.name}} has an account for you ({{member.email}}), where you can see your membership, renew and pay, reply to events and volunteer.

Open this link and press "Sign in" — no password needed:

{{links.signIn}}

Or, on another device, choose "Sign in with a code" on the sign-in page and type this code with your email address:

{{code}}

The link and the code work once, for {{days}} days. Once you are in, you can choose a password on your profile page if you would like one; otherwise ask for a new sign-in link whenever you visit.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, member, links: { signIn: 'https://members.example.org/sign-in/link/9b3e1f7a2c' }, code: '275 604', days: '7' },
  },

  'event-proposal-received': {
    label: 'Event proposal received (staff)',
    description:
      'Sent to the staff who decide on proposals (admins, the secretary, the events team) when a member proposes an event or resubmits a rejected one. ' +
      'Variables: organisation.name, member.firstName, member.lastName, member.email, event.title, event.startsAt, event.location, event.summary, proposal.action ("proposed", or "changed and resubmitted" after a rejection), links.portal (the event in the admin panel).',
    subject: 'Event proposal: {{event.title}}',
    body: `{{member.firstName}} {{member.lastName}} ({{member.email}}) has {{proposal.action}} an event:

{{event.title}}
{{event.startsAt}}{{#event.location}}, {{event.location}}{{/event.location}}

{{event.summary}}

Approve or reject it (with a reason) here:
{{links.portal}}

{{organisation.name}}`,
    sample: { organisation, member, event: { ...event, summary: 'An evening talk on winter flying.' }, proposal: { action: 'proposed' }, links: { portal: 'https://members.example.org/admin/collections/events/12' } },
  },

  'event-guest-confirm': {
    label: 'Event registration: confirm your email (guest)',
    description:
      'Sent to a visitor without an account who registers for a public event: the link confirms the registration. ' +
      'Variables: organisation.name, guest.name, event.title, event.startsAt, event.location, links.confirm, confirm.hours (how long the link works).',
    subject: 'Confirm your place: {{event.title}}',
    body: `Dear {{guest.name}},

To confirm your registration for {{event.title}} on {{event.startsAt}}{{#event.location}} at {{event.location}}{{/event.location}}, open this link and press "Confirm my registration":

{{links.confirm}}

The link works for {{confirm.hours}} hours. If you did not ask for this, ignore this email: nothing happens without the link.

Best wishes,
{{organisation.name}}`,
    sample: { organisation, guest: { name: 'Sam Taylor' }, event, links: { confirm: 'https://members.example.org/events/guest/eyJlIjoxMn0.Qk3' }, confirm: { hours: 48 } },
  },

  'event-guest-registered': {
    label: 'Event registration confirmed (guest)',
    description:
      'Sent to a visitor once they confirm their registration for a public event by its link. ' +
      'Variables: organisation.name, guest.name, event.title, event.startsAt, event.location, registration.outcome (going or on the waitlist), ' +
      'registration.amount, registration.payment (how to pay; empty when nothing is due), registration.bankAccount, registration.reference, links.cancel, links.event.',
    subject: 'Registered: {{event.title}}',
    body: `Dear {{guest.name}},

Thank you: you are {{registration.outcome}} for {{event.title}} on {{event.startsAt}}{{#event.location}} at {{event.location}}{{/event.location}}.
{{#registration.payment}}
To pay: {{registration.amount}}. {{registration.payment}}
{{#registration.bankAccount}}Bank account: {{registration.bankAccount}}
{{/registration.bankAccount}}{{#registration.reference}}Payment reference: {{registration.reference}}
{{/registration.reference}}{{/registration.payment}}
The event: {{links.event}}

If you cannot come after all, cancel here so someone else can have your place:
{{links.cancel}}

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      guest: { name: 'Sam Taylor' },
      event,
      registration: { outcome: 'going', amount: '£15.00', payment: 'Please pay by bank transfer within 7 days.', bankAccount: '20-00-00 12345678', reference: 'EV12-48213377-QK' },
      links: { cancel: 'https://members.example.org/events/guest/cancel/41.t5x9k.Yb2', event: 'https://members.example.org/events/12' },
    },
  },

  'event-changed': {
    label: 'Event changed (registrants)',
    description:
      'Sent once to everyone going or waitlisted (members and guests) when an admin changes the date, time, place or price of an event whose registration has opened. ' +
      'Variables: organisation.name, person.firstName, event.title, event.startsAt, event.location, changes (one line per change), links.event.',
    subject: 'Changed: {{event.title}}',
    body: `Dear {{person.firstName}},

Please note that {{event.title}}, which you registered for, has changed:

{{changes}}

It now takes place on {{event.startsAt}}{{#event.location}} at {{event.location}}{{/event.location}}. If you can no longer come, please cancel your place so someone else can have it:

{{links.event}}

Best wishes,
{{organisation.name}}`,
    sample: { organisation, person: { firstName: 'Alex' }, event, changes: 'Starts: Thursday 12 March 2026, 7:00pm (was Wednesday 11 March 2026, 7:00pm)', links: { event: 'https://members.example.org/events/12' } },
  },

  'inquiry-received': {
    label: 'Inquiry received (to the visitor)',
    description:
      'Sent to a visitor who asks a question through the contact form (a repeat of the same question within minutes is not acknowledged twice). ' +
      'Variables: organisation.name, contact.name, contact.email, inquiry.subject, inquiry.message, inquiry.type, links.join.',
    subject: 'We have received your question: {{inquiry.subject}}',
    body: `Dear {{contact.name}},

Thank you for getting in touch with {{organisation.name}}. We have received your question and one of us will reply to {{contact.email}} as soon as we can.

Your message, “{{inquiry.subject}}”:

{{inquiry.message}}

Meanwhile, you can read about our memberships here:

{{links.join}}

Best wishes,
{{organisation.name}}`,
    sample: {
      organisation,
      contact: { name: 'Sam Taylor', email: 'sam.taylor@example.com' },
      inquiry: { subject: 'Joining as a student pilot', message: 'Is there a discount for students?', type: 'Joining' },
      links: { join: links.join },
    },
  },

  'inquiry-assigned': {
    label: 'Inquiry assigned (to staff)',
    description:
      'Sent to a member of staff when an inquiry from the contact form is assigned to them. ' +
      'Variables: organisation.name, assignee.firstName, assignedBy, note, contact.name, contact.email, inquiry.subject, inquiry.message, inquiry.type, links.inquiry (the inquiry in the admin panel).',
    subject: 'Inquiry assigned to you: {{inquiry.subject}}',
    body: `Dear {{assignee.firstName}},

{{assignedBy}} has assigned you an inquiry from {{contact.name}} ({{contact.email}}).
{{#note}}

Note: {{note}}
{{/note}}

Type: {{inquiry.type}}
Subject: {{inquiry.subject}}

{{inquiry.message}}

Reply from the admin panel:

{{links.inquiry}}

{{organisation.name}}`,
    sample: {
      organisation,
      assignee: { firstName: 'Chris' },
      assignedBy: 'Pat Jones',
      note: 'You know about the student rates.',
      contact: { name: 'Sam Taylor', email: 'sam.taylor@example.com' },
      inquiry: { subject: 'Joining as a student pilot', message: 'Is there a discount for students?', type: 'Joining' },
      links: { inquiry: 'https://members.example.org/admin/collections/inquiries/12' },
    },
  },

  'inquiry-reply': {
    label: 'Reply to an inquiry',
    description:
      'Our reply to a visitor’s inquiry, sent from the inquiry in the admin panel. Its words come from the inquiry response template chosen there (Inquiries → Response templates), edited before sending; ' +
      'this template only wraps them, quoting the visitor’s message below. Variables: organisation.name, contact.name, reply.subject, reply.body, inquiry.subject, inquiry.message, inquiry.receivedAt.',
    subject: '{{reply.subject}}',
    body: `{{reply.body}}

-----
{{reply.subject}}
On {{inquiry.receivedAt}} you wrote:
{{inquiry.message}}`,
    sample: {
      organisation,
      contact: { name: 'Sam Taylor' },
      inquiry: { subject: 'Joining as a student pilot', message: 'Is there a discount for students?', receivedAt: '1 December 2026' },
      reply: { subject: 'Re: Joining as a student pilot', body: 'Dear Sam,\n\nYes: students join the Personal tier at half price.\n\nBest wishes,\nChris' },
    },
  },

  'inquiry-follow-up': {
    label: 'Inquiry waiting for a reply (to staff)',
    description:
      'Sent once to the member of staff an inquiry is assigned to, when it has waited for our reply longer than the follow-up days in settings. ' +
      'Variables: organisation.name, assignee.firstName, contact.name, contact.email, inquiry.subject, inquiry.receivedAt, inquiry.waitingDays, links.inquiry.',
    subject: 'Waiting for a reply: {{inquiry.subject}}',
    body: `Dear {{assignee.firstName}},

The inquiry from {{contact.name}} ({{contact.email}}), "{{inquiry.subject}}", has been waiting for our reply for more than {{inquiry.waitingDays}} days (received {{inquiry.receivedAt}}).

Please reply, or pass it to someone who can:

{{links.inquiry}}

{{organisation.name}}`,
    sample: {
      organisation,
      assignee: { firstName: 'Chris' },
      contact: { name: 'Sam Taylor', email: 'sam.taylor@example.com' },
      inquiry: { subject: 'Joining as a student pilot', receivedAt: '1 December 2026', waitingDays: '5' },
      links: { inquiry: 'https://members.example.org/admin/collections/inquiries/12' },
    },
  },
}

/**
 * Earlier defaults that Hangar itself replaced: a stored template still exactly as one of these was
 * never edited by an admin, so start-up brings it to today's default (src/email/seedTemplates.ts).
 * `sign-in-link` was seeded before links were ever sent; it now carries the code too (issue 17).
 */
export const SUPERSEDED_TEMPLATE_BODIES: Partial<Record<EmailTemplateKey, readonly string[]>> = {
  'sign-in-link': [
    `Hello{{#member.firstName}} {{member.firstName}}{{/member.firstName}},

Use this link to sign in to {{organisation.name}}:

{{links.signIn}}

The link is personal to you and works for a short time only, so please don't forward this email.

If you didn't ask to sign in, you can safely ignore this email.`,
  ],
}
