/**
 * The one place Hangar is assembled: database, email, collections, globals, plugins, jobs.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Memberships } from './collections/memberships'
import { Payments } from './collections/payments'
import { Tiers } from './collections/tiers'
import { Users } from './collections/users'
import { dummyPaymentsPlugin } from './plugins/dummy-payments'
import { queryGuardPlugin } from './plugins/query-guard'
import { inputGuardsPlugin, withInputGuards } from './plugins/input-guards'
import { squareOptionsFromEnv, squarePlugin } from './plugins/square'
import { stripeOptionsFromEnv, stripePayments } from './plugins/stripe'
import { Settings } from './globals/settings'
import { Documents, MAX_UPLOAD_BYTES } from './collections/documents'
import { Media } from './collections/media'
import { EmailTemplates } from './collections/email-templates'
import { Events } from './collections/events'
import { RegistrationAlerts } from './collections/registration-alerts'
import { Rsvps } from './collections/rsvps'
import { Notices } from './collections/notices'
import { Notifications } from './collections/notifications'
import { AuditEntries } from './collections/audit-entries'
import { PaymentEvents } from './collections/payment-events'
import { Reminders } from './collections/reminders'
import { Availability } from './collections/availability'
import { CertificateReminders } from './collections/certificate-reminders'
import { Consents } from './collections/consents'
import { MemberFields } from './collections/member-fields'
import { MemberImports } from './collections/member-imports'
import { SignInEvents } from './collections/sign-in-events'
import { CertificateTypes } from './collections/certificate-types'
import { Certificates } from './collections/certificates'
import { Shifts } from './collections/shifts'
import { VolunteerAssignments } from './collections/volunteer-assignments'
import { VolunteerRoles } from './collections/volunteer-roles'
import { Inquiries } from './collections/inquiries'
import { InquiryTemplates } from './collections/inquiry-templates'
import { RegistrantMessages } from './collections/registrant-messages'
import { benchPlugin } from './bench/benchPlugin'
import { jobs } from './jobs'
import { releaseStuckJobs } from './jobs/health'
import { ensureEmailTemplates } from './src/email/seedTemplates'
import { ensureVolunteerRoles } from './src/volunteering/seedRoles'
import { emailAdapter } from './src/email/transport'
import { cardEndpoints } from './src/cards/endpoints'
import { announceCardKeys } from './src/cards/keys'
import { healthEndpoint } from './src/health/endpoint'
import { directoryEndpoint, directoryPhotoEndpoint } from './src/members/directoryEndpoints'
import { directoryGraphQL } from './src/members/directoryGraphQL'
import { retentionPreviewEndpoint } from './src/privacy/retentionEndpoint'
import { reportEndpoint } from './src/reports/endpoint'
import { announceDataKeys } from './src/privacy/fieldEncryption'
import { databaseAdapter } from './src/lib/database'
import { keepPoolErrorsFromCrashing } from './src/lib/db'
import { payloadSecret } from './src/lib/env'
import { EXPECTED_ERROR_LOG_LEVELS, explainUniqueConflicts, keepErrorDetails, keepRefusalMessages, malformedInputIs400 } from './src/lib/errors'

const rootDir = path.dirname(fileURLToPath(import.meta.url))



const config = buildConfig({
  serverURL: process.env.SERVER_URL?.trim() || undefined,
  secret: payloadSecret(),
  admin: {
    user: Users.slug,
    avatar: 'default', // Gravatar would reach the internet
    importMap: { baseDir: rootDir },
    meta: { titleSuffix: ' · Hangar' },
    components: {
      beforeDashboard: ['/src/admin/AtAGlance#AtAGlance', '/src/admin/reports/ReportsSummary#ReportsSummary'],
      afterNavLinks: ['/src/admin/reports/ReportsNavLink#ReportsNavLink'],
      // passwordless sign-in (issue 17): the member site's sign-in page emails a link or code, then back here
      afterLogin: ['/src/admin/SignInLinkOption#SignInLinkOption'],
      // the committee's dashboard (src/reports/ for the figures, GET /api/reports/:name behind it)
      views: { reports: { Component: '/src/admin/reports/ReportsView#ReportsView', path: '/reports', meta: { title: 'Reports' } } },
    },
  },
  collections: [
    Users, Tiers, Memberships, Payments, PaymentEvents, Events, Rsvps, RegistrationAlerts, Notices, Documents, Media, EmailTemplates, Notifications, Reminders,
    VolunteerRoles, CertificateTypes, Certificates, VolunteerAssignments, Shifts, Availability, CertificateReminders, AuditEntries, Consents,
    MemberFields, MemberImports, SignInEvents, Inquiries, InquiryTemplates, RegistrantMessages,
  ],
  // Uploads stop being read at this size; collections refuse a cut-off file with 413
  // (Payload's own abortOnLimit leaves an unhandled rejection behind, so it is not used).
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
  globals: [Settings],
  endpoints: [healthEndpoint, ...cardEndpoints, directoryEndpoint, directoryPhotoEndpoint, retentionPreviewEndpoint, reportEndpoint],
  editor: lexicalEditor(),
  sharp, // image sizes and dimensions of uploaded media
  db: databaseAdapter(rootDir),
  email: emailAdapter(),
  jobs,
  onInit: async (payload) => {
    keepPoolErrorsFromCrashing(payload)
    announceCardKeys(payload.logger)
    // production without DATA_ENCRYPTION_KEY (or with a malformed one) does not start
    announceDataKeys(payload.logger)
    try {
      await ensureEmailTemplates(payload)
      await ensureVolunteerRoles(payload)
      await releaseStuckJobs(payload)
    } catch (error) {
      // e.g. a database not migrated yet (the production pre-start check then says which
      // migrations are missing); emails fall back to the default templates meanwhile.
      payload.logger.warn(`Start-up tasks skipped: ${(error as Error).message.split('\n')[0]}`)
    }
  },
  hooks: { afterError: [keepErrorDetails, keepRefusalMessages, explainUniqueConflicts, malformedInputIs400] },
  loggingLevels: EXPECTED_ERROR_LOG_LEVELS as NonNullable<Parameters<typeof buildConfig>[0]['loggingLevels']>,
  graphQL: { disablePlaygroundInProduction: true, queries: directoryGraphQL },
  // the guards come last so they also cover collections the other plugins add
  // the bench's plugin (off unless HANGAR_BENCH=1, bench/scale.ts) is last: its bare collection gets no guards
  plugins: [dummyPaymentsPlugin(), squarePlugin(squareOptionsFromEnv()), stripePayments(stripeOptionsFromEnv()), inputGuardsPlugin(), queryGuardPlugin(), benchPlugin({ enabled: process.env.HANGAR_BENCH === '1' })],
  telemetry: false,
  typescript: { outputFile: path.resolve(rootDir, 'payload-types.ts') },
})

// the input guards are installed on the built config, so the dev server's rebuilds keep them (plugins/input-guards)
export default withInputGuards(config)
