/**
 * Under the admin panel's login form: staff without a password to hand (or without one at all) ask
 * for an emailed sign-in link or code on the member site's sign-in page, which brings them back to
 * the admin panel signed in with the same session cookie (src/security/signInLink.ts).
 */
export function SignInLinkOption() {
  return (
    <p style={{ marginTop: 'var(--base)', textAlign: 'center' }}>
      <a href="/sign-in?next=%2Fadmin#sign-in-link-heading">Email me a sign-in link instead</a>
    </p>
  )
}
