import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

import { baseSecurityHeaders } from './src/lib/securityHeaders'

const rootDir = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // pdfkit reads its fonts from its own folder at run time (receipts as PDF), so it is required, not bundled
  serverExternalPackages: ['pdfkit'],
  // nosniff, referrer, permissions and frame options on every response; each page's Content
  // Security Policy (with its nonce) and HSTS come from proxy.ts, which reads SERVER_URL at run time
  headers: async () => [{ source: '/:path*', headers: baseSecurityHeaders() }],
  turbopack: { root: rootDir },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
