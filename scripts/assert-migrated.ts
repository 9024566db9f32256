/**
 * The production pre-start check, for callers that go through the Payload CLI
 * (`node scripts/payload.mjs run scripts/assert-migrated.ts`). It is plain JavaScript, and
 * `npm start` runs it with Node directly: scripts/assert-migrated.mjs.
 */
import './assert-migrated.mjs'
