import type { EventQuestion } from '@/events/answers'
import { PERSON_POPULATE, dateColumn, personColumns, relationField, relationId, textColumn, selectOf } from '@/exports/columns'
import type { CsvCell } from '@/exports/csv'
import { isoDate } from '@/exports/csv'
import type { CsvColumn, CsvExport } from '@/exports/endpoint'
import { csvExportEndpoint } from '@/exports/endpoint'
import { pinnedValue } from '@/exports/where'

type Doc = Record<string, unknown>

const answersOf = (doc: Doc): Record<string, unknown> => (doc.answers && typeof doc.answers === 'object' && !Array.isArray(doc.answers) ? (doc.answers as Record<string, unknown>) : {})

function answerText(question: Pick<EventQuestion, 'kind'> | undefined, value: unknown): CsvCell {
  if (value === null || value === undefined) return ''
  if (question?.kind === 'yes_no' || typeof value === 'boolean') return value === true ? 'Yes' : value === false ? 'No' : String(value)
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * RSVPs as CSV (`GET /api/rsvps/export.csv`). Filtered to one event (`where[event][equals]=12`, as
 * the RSVP list's filter on the event makes it), the file has a column per question the event
 * asks, with each person's answer; across several events, one "Answers" column holds
 * "Question: answer" pairs.
 */
export const rsvpsExport: CsvExport = {
  collection: 'rsvps',
  label: 'RSVPs',
  plan: async (req, where) => {
    const columns: CsvColumn[] = [
      { header: 'ID', value: (doc) => doc.id },
      { header: 'Event ID', field: 'event', value: (doc) => relationId(doc.event) },
      { header: 'Event', field: 'event', value: (doc) => relationField(doc.event, 'title') },
      { header: 'Event starts', field: 'event', value: (doc) => isoDate(relationField(doc.event, 'startsAt')) },
      ...personColumns('member', 'Member'),
      // a visitor's registration (no account): their name and email instead of a member
      textColumn('guestName', 'Guest name'),
      textColumn('guestEmail', 'Guest email'),
      textColumn('status', 'Status'),
      textColumn('guests', 'Guests'),
      dateColumn('waitlistedAt', 'Waitlisted at'),
      dateColumn('checkedInAt', 'Checked in at'),
      { header: 'Replied', value: (doc) => isoDate(doc.createdAt) },
    ]
    const pinned = pinnedValue(where, 'event')
    const event = pinned
      ? await req.payload
          .find({ collection: 'events', where: { id: { equals: pinned } }, select: { title: true, questions: true }, limit: 1, depth: 0, overrideAccess: false, user: req.user, req })
          .then(({ docs }) => docs[0] as { title?: string; questions?: EventQuestion[] | null } | undefined)
          .catch(() => undefined)
      : undefined
    const headers = new Set(columns.map((column) => column.header))
    if (event) {
      for (const question of event.questions ?? []) {
        const header = headers.has(question.label) ? `${question.label} (${question.key})` : question.label
        headers.add(header)
        columns.push({ header, field: 'answers', value: (doc) => answerText(question, answersOf(doc)[question.key]) })
      }
    } else {
      columns.push({
        header: 'Answers',
        field: 'answers',
        value: (doc) => {
          const questions = (relationField(doc.event, 'questions') as unknown as EventQuestion[] | '') || []
          return Object.entries(answersOf(doc))
            .map(([key, value]) => {
              const question = questions.find((candidate) => candidate.key === key)
              return `${question?.label ?? key}: ${answerText(question, value)}`
            })
            .join('; ')
        },
      })
    }
    return {
      columns,
      select: selectOf(['event', 'member', 'guestName', 'guestEmail', 'status', 'guests', 'answers', 'waitlistedAt', 'checkedInAt', 'createdAt']),
      depth: 1,
      populate: { users: PERSON_POPULATE, events: event ? { title: true, startsAt: true } : { title: true, startsAt: true, questions: true } },
      fileName: event?.title ? `rsvps-${event.title}` : undefined,
    }
  },
}

export const rsvpsExportEndpoint = csvExportEndpoint(rsvpsExport)
