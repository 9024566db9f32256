/** What a guest is told after pressing their link's button (or opening a link already used). */
export function GuestOutcome({ status, title }: { status: string; title: string }) {
  const text =
    status === 'going'
      ? `You are registered for ${title}. We have emailed you the details and a link to cancel.`
      : status === 'waitlisted'
        ? `You are on the waitlist for ${title}. We will email you if a place opens.`
        : `Your registration for ${title} is cancelled.`
  return (
    <p role="status" data-testid="guest-outcome" className="mt-6 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
      {text}
    </p>
  )
}
