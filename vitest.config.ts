import { defineConfig } from 'vitest/config'

/**
 * Three projects: `unit` (pure domain code, no database), `int` (Payload booted on a fresh
 * database per file: SQLite by default, Postgres when DATABASE_URL is a postgres:// URL) and
 * `e2e` (a real browser against a running production build; started by `npm run test:e2e`).
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.spec.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['tests/int/**/*.int.spec.ts'],
          environment: 'node',
          pool: 'forks',
          globalSetup: ['tests/int/globalSetup.ts'],
          setupFiles: ['tests/int/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.spec.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
