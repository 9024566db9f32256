import { AuditTrailLink as AuditTrailLink_18ed26808365baa3113cb8d44e97bafe } from '../../../src/admin/AuditTrailLink'
import { CustomFieldsField as CustomFieldsField_f18a5fd8864c7f3bcfbfd07f7e447daf } from '../../../src/admin/CustomFieldsField'
import { EmailVerifiedCell as EmailVerifiedCell_517dee2c1a90ec55c7ea93c7a29f39de } from '../../../collections/users/components/EmailVerifiedCell'
import { EmailVerificationActions as EmailVerificationActions_4d2147bbaf267d31adbfad1f89a7fed5 } from '../../../collections/users/components/EmailVerificationActions'
import { InvitationAction as InvitationAction_7627bbb399263761983aa13b941d1ccd } from '../../../collections/users/components/InvitationAction'
import { DataExportLink as DataExportLink_e591d4e22e3258359b6901ccd3015584 } from '../../../collections/users/components/DataExportLink'
import { EraseButton as EraseButton_29c296d71650b9f5c705deef03c44d29 } from '../../../src/admin/EraseButton'
import { ExportCsvMenuItem as ExportCsvMenuItem_b0bd2a81e08598031f3efca703d8306b } from '../../../src/admin/ExportCsvMenuItem'
import { ListQueryRefusal as ListQueryRefusal_2829c2ebb0acc832692a83cc1ea3b3bf } from '../../../src/admin/ListQueryRefusal'
import { RetentionPreview as RetentionPreview_7d508c9ce9bf0370d6c4901f8d5422ce } from '../../../src/admin/RetentionPreview'
import { UnverifiedPeopleLink as UnverifiedPeopleLink_a0baa56ceabc20e82d30befa34104fc4 } from '../../../collections/users/components/UnverifiedPeopleLink'
import { MoneyCell as MoneyCell_4ce614dc9a4594a849b5a5646d9ddb3b } from '../../../src/admin/MoneyCell'
import { MoneyField as MoneyField_7897d8b18e6f9f8fafbd118e49ad8487 } from '../../../src/admin/MoneyField'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StatusActions as StatusActions_21f0eba4597c63c033a49ca00f1c67d1 } from '../../../collections/memberships/components/StatusActions'
import { HistoryRowLabel as HistoryRowLabel_66e7daf3c23c8f63456181848a073deb } from '../../../collections/memberships/components/HistoryRowLabel'
import { PersonRowLabel as PersonRowLabel_9c4ade9e94e18137165b11a043746674 } from '../../../collections/memberships/components/PersonRowLabel'
import { PaymentStatusBanner as PaymentStatusBanner_df80f189330826d352991cb1061d7b55 } from '../../../collections/payments/components/PaymentStatusBanner'
import { RefundAction as RefundAction_6bf5016067965ab4bf49355c2438ecda } from '../../../collections/payments/components/RefundAction'
import { RefundRowLabel as RefundRowLabel_c2d8f69e2b6c092f7be73ef6291bd282 } from '../../../collections/payments/components/RefundRowLabel'
import { ReplayButton as ReplayButton_15ba3be8fad20229b707df20c9cef9ba } from '../../../collections/payment-events/components/ReplayButton'
import { EditLockNotice as EditLockNotice_e6b88fd56b2fec879e1c6411dc267d8f } from '../../../collections/events/components/EditLockNotice'
import { CheckInPanel as CheckInPanel_126f8b68e3bae17c36dd0cea9af2c133 } from '../../../collections/events/components/CheckInPanel'
import { QuestionRowLabel as QuestionRowLabel_0dcd64d83cedbf8f17d565391dc439e6 } from '../../../src/admin/RowLabels'
import { RegistrantsPanel as RegistrantsPanel_1e04396109edc514a2d7b610de138446 } from '../../../collections/events/components/RegistrantsPanel'
import { TemplatePreview as TemplatePreview_cc1376d9a95c27ededaa832dea64b1c8 } from '../../../collections/email-templates/components/TemplatePreview'
import { ReminderPreview as ReminderPreview_e9fb67b7f9e29684b568ae4b2d38e801 } from '../../../collections/reminders/components/ReminderPreview'
import { VolunteerList as VolunteerList_baa9043e8bad988750892a2fb6d7e033 } from '../../../collections/volunteer-assignments/components/VolunteerList'
import { ShiftRoster as ShiftRoster_9512956888ef8663cceee473d646b8d3 } from '../../../collections/shifts/components/ShiftRoster'
import { ShiftSchedule as ShiftSchedule_d53148d9cb97b2bca568be36c33579d9 } from '../../../collections/shifts/components/ShiftSchedule'
import { WeeklySlotRowLabel as WeeklySlotRowLabel_0dcd64d83cedbf8f17d565391dc439e6 } from '../../../src/admin/RowLabels'
import { DateRangeRowLabel as DateRangeRowLabel_0dcd64d83cedbf8f17d565391dc439e6 } from '../../../src/admin/RowLabels'
import { ImportWizard as ImportWizard_200325e087389ae9f7dd7054799eace0 } from '../../../collections/member-imports/components/ImportWizard'
import { InquiryActions as InquiryActions_e7898c9c616b0cee4c28bb7aa2047df3 } from '../../../collections/inquiries/components/InquiryActions'
import { MessageRowLabel as MessageRowLabel_6070fdd5ab83354ecd3fcee8546b4559 } from '../../../collections/inquiries/components/RowLabels'
import { AssignmentRowLabel as AssignmentRowLabel_6070fdd5ab83354ecd3fcee8546b4559 } from '../../../collections/inquiries/components/RowLabels'
import { HistoryRowLabel as HistoryRowLabel_6070fdd5ab83354ecd3fcee8546b4559 } from '../../../collections/inquiries/components/RowLabels'
import { InboxLink as InboxLink_411c77ffd3e4b707dd0f2a0e089b12b7 } from '../../../collections/inquiries/components/InboxLink'
import { SignInLinkOption as SignInLinkOption_591cd18d0533a304003420ac66d0e344 } from '../../../src/admin/SignInLinkOption'
import { ReportsNavLink as ReportsNavLink_2e8312fab974f0b98f361f0837d867ce } from '../../../src/admin/reports/ReportsNavLink'
import { AtAGlance as AtAGlance_37fab3e5c8a71def557b2ee3ca4ac516 } from '../../../src/admin/AtAGlance'
import { ReportsSummary as ReportsSummary_36211d6b17f303d812a3af72aad6402c } from '../../../src/admin/reports/ReportsSummary'
import { ReportsView as ReportsView_66aead1920b2bf8aff3b464e363ba9cd } from '../../../src/admin/reports/ReportsView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/admin/AuditTrailLink#AuditTrailLink": AuditTrailLink_18ed26808365baa3113cb8d44e97bafe,
  "/src/admin/CustomFieldsField#CustomFieldsField": CustomFieldsField_f18a5fd8864c7f3bcfbfd07f7e447daf,
  "/collections/users/components/EmailVerifiedCell#EmailVerifiedCell": EmailVerifiedCell_517dee2c1a90ec55c7ea93c7a29f39de,
  "/collections/users/components/EmailVerificationActions#EmailVerificationActions": EmailVerificationActions_4d2147bbaf267d31adbfad1f89a7fed5,
  "/collections/users/components/InvitationAction#InvitationAction": InvitationAction_7627bbb399263761983aa13b941d1ccd,
  "/collections/users/components/DataExportLink#DataExportLink": DataExportLink_e591d4e22e3258359b6901ccd3015584,
  "/src/admin/EraseButton#EraseButton": EraseButton_29c296d71650b9f5c705deef03c44d29,
  "/src/admin/ExportCsvMenuItem#ExportCsvMenuItem": ExportCsvMenuItem_b0bd2a81e08598031f3efca703d8306b,
  "/src/admin/ListQueryRefusal#ListQueryRefusal": ListQueryRefusal_2829c2ebb0acc832692a83cc1ea3b3bf,
  "/src/admin/RetentionPreview#RetentionPreview": RetentionPreview_7d508c9ce9bf0370d6c4901f8d5422ce,
  "/collections/users/components/UnverifiedPeopleLink#UnverifiedPeopleLink": UnverifiedPeopleLink_a0baa56ceabc20e82d30befa34104fc4,
  "/src/admin/MoneyCell#MoneyCell": MoneyCell_4ce614dc9a4594a849b5a5646d9ddb3b,
  "/src/admin/MoneyField#MoneyField": MoneyField_7897d8b18e6f9f8fafbd118e49ad8487,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/collections/memberships/components/StatusActions#StatusActions": StatusActions_21f0eba4597c63c033a49ca00f1c67d1,
  "/collections/memberships/components/HistoryRowLabel#HistoryRowLabel": HistoryRowLabel_66e7daf3c23c8f63456181848a073deb,
  "/collections/memberships/components/PersonRowLabel#PersonRowLabel": PersonRowLabel_9c4ade9e94e18137165b11a043746674,
  "/collections/payments/components/PaymentStatusBanner#PaymentStatusBanner": PaymentStatusBanner_df80f189330826d352991cb1061d7b55,
  "/collections/payments/components/RefundAction#RefundAction": RefundAction_6bf5016067965ab4bf49355c2438ecda,
  "/collections/payments/components/RefundRowLabel#RefundRowLabel": RefundRowLabel_c2d8f69e2b6c092f7be73ef6291bd282,
  "/collections/payment-events/components/ReplayButton#ReplayButton": ReplayButton_15ba3be8fad20229b707df20c9cef9ba,
  "/collections/events/components/EditLockNotice#EditLockNotice": EditLockNotice_e6b88fd56b2fec879e1c6411dc267d8f,
  "/collections/events/components/CheckInPanel#CheckInPanel": CheckInPanel_126f8b68e3bae17c36dd0cea9af2c133,
  "/src/admin/RowLabels#QuestionRowLabel": QuestionRowLabel_0dcd64d83cedbf8f17d565391dc439e6,
  "/collections/events/components/RegistrantsPanel#RegistrantsPanel": RegistrantsPanel_1e04396109edc514a2d7b610de138446,
  "/collections/email-templates/components/TemplatePreview#TemplatePreview": TemplatePreview_cc1376d9a95c27ededaa832dea64b1c8,
  "/collections/reminders/components/ReminderPreview#ReminderPreview": ReminderPreview_e9fb67b7f9e29684b568ae4b2d38e801,
  "/collections/volunteer-assignments/components/VolunteerList#VolunteerList": VolunteerList_baa9043e8bad988750892a2fb6d7e033,
  "/collections/shifts/components/ShiftRoster#ShiftRoster": ShiftRoster_9512956888ef8663cceee473d646b8d3,
  "/collections/shifts/components/ShiftSchedule#ShiftSchedule": ShiftSchedule_d53148d9cb97b2bca568be36c33579d9,
  "/src/admin/RowLabels#WeeklySlotRowLabel": WeeklySlotRowLabel_0dcd64d83cedbf8f17d565391dc439e6,
  "/src/admin/RowLabels#DateRangeRowLabel": DateRangeRowLabel_0dcd64d83cedbf8f17d565391dc439e6,
  "/collections/member-imports/components/ImportWizard#ImportWizard": ImportWizard_200325e087389ae9f7dd7054799eace0,
  "/collections/inquiries/components/InquiryActions#InquiryActions": InquiryActions_e7898c9c616b0cee4c28bb7aa2047df3,
  "/collections/inquiries/components/RowLabels#MessageRowLabel": MessageRowLabel_6070fdd5ab83354ecd3fcee8546b4559,
  "/collections/inquiries/components/RowLabels#AssignmentRowLabel": AssignmentRowLabel_6070fdd5ab83354ecd3fcee8546b4559,
  "/collections/inquiries/components/RowLabels#HistoryRowLabel": HistoryRowLabel_6070fdd5ab83354ecd3fcee8546b4559,
  "/collections/inquiries/components/InboxLink#InboxLink": InboxLink_411c77ffd3e4b707dd0f2a0e089b12b7,
  "/src/admin/SignInLinkOption#SignInLinkOption": SignInLinkOption_591cd18d0533a304003420ac66d0e344,
  "/src/admin/reports/ReportsNavLink#ReportsNavLink": ReportsNavLink_2e8312fab974f0b98f361f0837d867ce,
  "/src/admin/AtAGlance#AtAGlance": AtAGlance_37fab3e5c8a71def557b2ee3ca4ac516,
  "/src/admin/reports/ReportsSummary#ReportsSummary": ReportsSummary_36211d6b17f303d812a3af72aad6402c,
  "/src/admin/reports/ReportsView#ReportsView": ReportsView_66aead1920b2bf8aff3b464e363ba9cd,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
