import type { ConsentState, OptInKind, PolicyStatus } from '@/privacy/consents'

import { acceptPolicy, savePrivacyChoices } from './actions'
import { PortalSection } from './PortalSection'

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const button = 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900'

/** Chosen here; the directory is chosen field by field on the profile page. */
const PORTAL_OPT_INS = ['marketing'] as const satisfies readonly OptInKind[]

const OPT_IN_QUESTIONS: Record<OptInKind, string> = {
  marketing: 'Email me news, offers and invitations from the organisation',
  directory: 'List me in the member directory, so other members can find me',
}

function PolicyLink({ url }: { url: string | null }) {
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
      privacy policy
    </a>
  ) : (
    <>privacy policy</>
  )
}

/**
 * Shown instead of the account page while the member has not accepted the current version of
 * the privacy policy (at sign-up, or since an admin raised the version in the settings).
 */
export function PolicyAcceptanceStep({ version, url, acceptedBefore, next }: { version: string; url: string | null; acceptedBefore: string | null; next?: string }) {
  return (
    <PortalSection id="privacy-policy" title={acceptedBefore ? 'Our privacy policy has changed' : 'Our privacy policy'}>
      <p className="mt-3 text-slate-700">
        {acceptedBefore
          ? `You accepted version ${acceptedBefore} of our privacy policy. Please read version ${version} and accept it to continue to your account.`
          : `Please read version ${version} of our privacy policy and accept it to continue to your account.`}
      </p>
      <AcceptPolicyForm version={version} url={url} label="Accept and continue" next={next} />
    </PortalSection>
  )
}

function AcceptPolicyForm({ version, url, label, next }: { version: string; url: string | null; label: string; next?: string }) {
  return (
    <form action={acceptPolicy} className="mt-4 space-y-3">
      <input type="hidden" name="version" value={version} />
      {next && <input type="hidden" name="next" value={next} />}
      <label htmlFor="acceptPrivacyPolicy" className="flex items-start gap-2">
        <input id="acceptPrivacyPolicy" name="acceptPrivacyPolicy" type="checkbox" required className="mt-1 h-4 w-4" />
        <span>
          I have read and accept the <PolicyLink url={url} /> (version {version}).
        </span>
      </label>
      <button type="submit" className={button}>
        {label}
      </button>
    </form>
  )
}

/** The member's opt-ins (each change is recorded as a consent) and the download of their data. */
export function PrivacySection({
  consents,
  policy,
  version,
  url,
  saved,
}: {
  consents: ConsentState
  policy: PolicyStatus
  version: string
  url: string | null
  saved: boolean
}) {
  const accepted = consents.privacy_policy
  return (
    <PortalSection id="privacy" title="Privacy and your data">
      {saved && (
        <p role="status" className="mt-3 text-green-900">
          Your privacy choices are saved.
        </p>
      )}
      {policy === 'never' && (
        <div className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          <p>You have not yet accepted our privacy policy.</p>
          <AcceptPolicyForm version={version} url={url} label="Accept the privacy policy" />
        </div>
      )}
      {policy !== 'never' && accepted && (
        <p className="mt-3 text-slate-700">
          You accepted version {accepted.policyVersion} of our <PolicyLink url={url} /> on {dateFormat.format(new Date(accepted.givenAt))}.
        </p>
      )}
      <form action={savePrivacyChoices} className="mt-3 space-y-3">
        <fieldset className="space-y-2">
          <legend className="font-medium text-slate-800">Your choices</legend>
          {PORTAL_OPT_INS.map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input type="checkbox" name={kind} defaultChecked={consents[kind]?.granted ?? false} className="h-4 w-4" />
              {OPT_IN_QUESTIONS[kind]}
              {consents[kind] && (
                <span className="text-sm text-slate-600">
                  ({consents[kind]!.granted ? 'yes' : 'no'} since {dateFormat.format(new Date(consents[kind]!.givenAt))})
                </span>
              )}
            </label>
          ))}
        </fieldset>
        <p className="text-sm text-slate-600">
          You can change this at any time; we keep a record of each change. What the member directory shows of you (if anything) is chosen on{' '}
          <a href="/account/profile#directory-choices" className="font-medium text-brand-700 underline">
            your profile
          </a>
          {consents.directory ? ` (${consents.directory.granted ? 'listed' : 'not listed'} since ${dateFormat.format(new Date(consents.directory.givenAt))})` : ''}.
        </p>
        <button type="submit" className={button}>
          Save privacy choices
        </button>
      </form>
      <p className="mt-4">
        <a href="/api/users/me/export" download className="font-medium text-brand-700 underline">
          Download my data
        </a>{' '}
        <span className="text-slate-700">: everything we hold about you, as a JSON file.</span>
      </p>
    </PortalSection>
  )
}
