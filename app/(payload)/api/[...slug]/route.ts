import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { guardApiRoute } from '@/lib/apiGuard'

// body limits, content types, JSON and NUL checks before Payload reads anything (src/lib/apiGuard.ts)
export const GET = guardApiRoute(REST_GET(config), config)
export const POST = guardApiRoute(REST_POST(config), config)
export const DELETE = guardApiRoute(REST_DELETE(config), config)
export const PATCH = guardApiRoute(REST_PATCH(config), config)
export const PUT = guardApiRoute(REST_PUT(config), config)
export const OPTIONS = REST_OPTIONS(config)
