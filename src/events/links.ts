/**
 * The member site's page for an event, the one URL every link uses (lists, the portal, the
 * calendar feed and `.ics` files): `/events/<id>`. `/events/<slug>` is served too and redirects
 * here, so a slug typed or shared by hand works, but links carry the id, which never changes.
 */
export const eventPath = (event: { id: number | string }): string => `/events/${event.id}`

/** Whether a path segment is an event's id rather than its slug (ids are serial integers). */
export const isEventId = (segment: string): boolean => /^\d{1,15}$/.test(segment)
