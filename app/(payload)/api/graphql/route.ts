import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { guardApiRoute } from '@/lib/apiGuard'

// body limits, content types, JSON and NUL checks before Payload reads anything (src/lib/apiGuard.ts)
export const POST = guardApiRoute(GRAPHQL_POST(config), config, { allowArray: true })
export const OPTIONS = REST_OPTIONS(config)
