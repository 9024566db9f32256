import * as migration_20261121_052542_initial from './20261121_052542_initial';
import * as migration_20261121_062826_tiers from './20261121_062826_tiers';
import * as migration_20261121_063745_memberships from './20261121_063745_memberships';
import * as migration_20261121_064430_payments from './20261121_064430_payments';
import * as migration_20261121_065020_dummy_payments_setting from './20261121_065020_dummy_payments_setting';
import * as migration_20261121_070435_membership_title from './20261121_070435_membership_title';
import * as migration_20261121_080148_households_and_seats from './20261121_080148_households_and_seats';
import * as migration_20261121_082349_email_reminders_jobs from './20261121_082349_email_reminders_jobs';
import * as migration_20261121_084602_square_and_payment_events from './20261121_084602_square_and_payment_events';
import * as migration_20261121_085755_stripe_customer from './20261121_085755_stripe_customer';
import * as migration_20261121_091322_events_and_rsvps from './20261121_091322_events_and_rsvps';
import * as migration_20261121_092212_documents from './20261121_092212_documents';
import * as migration_20261121_092738_notices from './20261121_092738_notices';
import * as migration_20261121_093141_event_proposals from './20261121_093141_event_proposals';
import * as migration_20261121_115548_volunteering from './20261121_115548_volunteering';
import * as migration_20261205_090342_trust_media_and_sign_in from './20261205_090342_trust_media_and_sign_in';
import * as migration_20261205_120000_rotate_api_keys from './20261205_120000_rotate_api_keys';
import * as migration_20261205_161246_hide_people_fields_by_tier_kind from './20261205_161246_hide_people_fields_by_tier_kind';
import * as migration_20261205_165239_organisation_country from './20261205_165239_organisation_country';
import * as migration_20261205_221040_issue14_indexes from './20261205_221040_issue14_indexes';
import * as migration_20261206_015453_audience_tier_list from './20261206_015453_audience_tier_list';
import * as migration_20261206_022017_email_change from './20261206_022017_email_change';
import * as migration_20261206_022528_member_photo from './20261206_022528_member_photo';
import * as migration_20261206_023742_member_directory from './20261206_023742_member_directory';
import * as migration_20261206_024921_audit_trail from './20261206_024921_audit_trail';
import * as migration_20261206_031009_consents from './20261206_031009_consents';
import * as migration_20261206_033029_erasure_retention from './20261206_033029_erasure_retention';
import * as migration_20261206_072818_member_fields_verification_dob from './20261206_072818_member_fields_verification_dob';
import * as migration_20261206_090253_privacy_job_health from './20261206_090253_privacy_job_health';
import * as migration_20261206_105100_reports_imports from './20261206_105100_reports_imports';
import * as migration_20261206_171713_sign_in_links from './20261206_171713_sign_in_links';
import * as migration_20261206_175440_invitation_template from './20261206_175440_invitation_template';
import * as migration_20261206_200701_renewal_links from './20261206_200701_renewal_links';
import * as migration_20261206_203530_inquiries from './20261206_203530_inquiries';
import * as migration_20261206_212505_event_registration from './20261206_212505_event_registration';
import * as migration_20261207_002459_event_registration_full from './20261207_002459_event_registration_full';
import * as migration_20261207_193507_counts_stay_index_only from './20261207_193507_counts_stay_index_only';

export const migrations = [
  {
    up: migration_20261121_052542_initial.up,
    down: migration_20261121_052542_initial.down,
    name: '20261121_052542_initial',
  },
  {
    up: migration_20261121_062826_tiers.up,
    down: migration_20261121_062826_tiers.down,
    name: '20261121_062826_tiers',
  },
  {
    up: migration_20261121_063745_memberships.up,
    down: migration_20261121_063745_memberships.down,
    name: '20261121_063745_memberships',
  },
  {
    up: migration_20261121_064430_payments.up,
    down: migration_20261121_064430_payments.down,
    name: '20261121_064430_payments',
  },
  {
    up: migration_20261121_065020_dummy_payments_setting.up,
    down: migration_20261121_065020_dummy_payments_setting.down,
    name: '20261121_065020_dummy_payments_setting',
  },
  {
    up: migration_20261121_070435_membership_title.up,
    down: migration_20261121_070435_membership_title.down,
    name: '20261121_070435_membership_title',
  },
  {
    up: migration_20261121_080148_households_and_seats.up,
    down: migration_20261121_080148_households_and_seats.down,
    name: '20261121_080148_households_and_seats',
  },
  {
    up: migration_20261121_082349_email_reminders_jobs.up,
    down: migration_20261121_082349_email_reminders_jobs.down,
    name: '20261121_082349_email_reminders_jobs',
  },
  {
    up: migration_20261121_084602_square_and_payment_events.up,
    down: migration_20261121_084602_square_and_payment_events.down,
    name: '20261121_084602_square_and_payment_events',
  },
  {
    up: migration_20261121_085755_stripe_customer.up,
    down: migration_20261121_085755_stripe_customer.down,
    name: '20261121_085755_stripe_customer',
  },
  {
    up: migration_20261121_091322_events_and_rsvps.up,
    down: migration_20261121_091322_events_and_rsvps.down,
    name: '20261121_091322_events_and_rsvps',
  },
  {
    up: migration_20261121_092212_documents.up,
    down: migration_20261121_092212_documents.down,
    name: '20261121_092212_documents',
  },
  {
    up: migration_20261121_092738_notices.up,
    down: migration_20261121_092738_notices.down,
    name: '20261121_092738_notices',
  },
  {
    up: migration_20261121_093141_event_proposals.up,
    down: migration_20261121_093141_event_proposals.down,
    name: '20261121_093141_event_proposals',
  },
  {
    up: migration_20261121_115548_volunteering.up,
    down: migration_20261121_115548_volunteering.down,
    name: '20261121_115548_volunteering',
  },
  {
    up: migration_20261205_090342_trust_media_and_sign_in.up,
    down: migration_20261205_090342_trust_media_and_sign_in.down,
    name: '20261205_090342_trust_media_and_sign_in',
  },
  {
    up: migration_20261205_120000_rotate_api_keys.up,
    down: migration_20261205_120000_rotate_api_keys.down,
    name: '20261205_120000_rotate_api_keys',
  },
  {
    up: migration_20261205_161246_hide_people_fields_by_tier_kind.up,
    down: migration_20261205_161246_hide_people_fields_by_tier_kind.down,
    name: '20261205_161246_hide_people_fields_by_tier_kind',
  },
  {
    up: migration_20261205_165239_organisation_country.up,
    down: migration_20261205_165239_organisation_country.down,
    name: '20261205_165239_organisation_country',
  },
  {
    up: migration_20261205_221040_issue14_indexes.up,
    down: migration_20261205_221040_issue14_indexes.down,
    name: '20261205_221040_issue14_indexes',
  },
  {
    up: migration_20261206_015453_audience_tier_list.up,
    down: migration_20261206_015453_audience_tier_list.down,
    name: '20261206_015453_audience_tier_list',
  },
  {
    up: migration_20261206_022017_email_change.up,
    down: migration_20261206_022017_email_change.down,
    name: '20261206_022017_email_change',
  },
  {
    up: migration_20261206_022528_member_photo.up,
    down: migration_20261206_022528_member_photo.down,
    name: '20261206_022528_member_photo',
  },
  {
    up: migration_20261206_023742_member_directory.up,
    down: migration_20261206_023742_member_directory.down,
    name: '20261206_023742_member_directory',
  },
  {
    up: migration_20261206_024921_audit_trail.up,
    down: migration_20261206_024921_audit_trail.down,
    name: '20261206_024921_audit_trail',
  },
  {
    up: migration_20261206_031009_consents.up,
    down: migration_20261206_031009_consents.down,
    name: '20261206_031009_consents',
  },
  {
    up: migration_20261206_033029_erasure_retention.up,
    down: migration_20261206_033029_erasure_retention.down,
    name: '20261206_033029_erasure_retention',
  },
  {
    up: migration_20261206_072818_member_fields_verification_dob.up,
    down: migration_20261206_072818_member_fields_verification_dob.down,
    name: '20261206_072818_member_fields_verification_dob',
  },
  {
    up: migration_20261206_090253_privacy_job_health.up,
    down: migration_20261206_090253_privacy_job_health.down,
    name: '20261206_090253_privacy_job_health',
  },
  {
    up: migration_20261206_105100_reports_imports.up,
    down: migration_20261206_105100_reports_imports.down,
    name: '20261206_105100_reports_imports',
  },
  {
    up: migration_20261206_171713_sign_in_links.up,
    down: migration_20261206_171713_sign_in_links.down,
    name: '20261206_171713_sign_in_links',
  },
  {
    up: migration_20261206_175440_invitation_template.up,
    down: migration_20261206_175440_invitation_template.down,
    name: '20261206_175440_invitation_template',
  },
  {
    up: migration_20261206_200701_renewal_links.up,
    down: migration_20261206_200701_renewal_links.down,
    name: '20261206_200701_renewal_links',
  },
  {
    up: migration_20261206_203530_inquiries.up,
    down: migration_20261206_203530_inquiries.down,
    name: '20261206_203530_inquiries',
  },
  {
    up: migration_20261206_212505_event_registration.up,
    down: migration_20261206_212505_event_registration.down,
    name: '20261206_212505_event_registration',
  },
  {
    up: migration_20261207_002459_event_registration_full.up,
    down: migration_20261207_002459_event_registration_full.down,
    name: '20261207_002459_event_registration_full',
  },
  {
    up: migration_20261207_193507_counts_stay_index_only.up,
    down: migration_20261207_193507_counts_stay_index_only.down,
    name: '20261207_193507_counts_stay_index_only'
  },
];
