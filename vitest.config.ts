import { defineConfig } from 'vitest/config'
import type { TestSpecification } from 'vitest/node'
import { BaseSequencer } from 'vitest/node'

/**
 * End-to-end files share one database and run one after another: first-admin.e2e.spec.ts first
 * (it creates the first account on the empty database, and the others sign in with it), then the
 * rest in name order. (Vitest's own order puts previously failed and slow files first.)
 */
class EndToEndInNameOrder extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const firstAdminFirst = (file: TestSpecification) => `${file.moduleId.endsWith('/first-admin.e2e.spec.ts') ? 0 : 1}${file.moduleId}`
    const e2e = sorted.filter((file) => file.project.name === 'e2e').sort((a, b) => firstAdminFirst(a).localeCompare(firstAdminFirst(b)))
    return [...sorted.filter((file) => file.project.name !== 'e2e'), ...e2e]
  }
}

/**
 * Three projects: `unit` (pure domain code, no database), `int` (Payload booted on a fresh
 * database per file: SQLite by default, Postgres when DATABASE_URL is a postgres:// URL) and
 * `e2e` (a real browser against a running production build; started by `npm run test:e2e`).
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    sequence: { sequencer: EndToEndInNameOrder },
    // two test files at a time: an int file spends much of its time waiting on its database,
    // sockets and child processes, and vitest's default (cores - 1) is one worker on 2 cores
    // (e2e files still run one after another: fileParallelism is off there)
    maxWorkers: 2,
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
          // a worker runs files one after another without a new process for each: Payload, Lexical
          // and the drivers load once per worker (about 5 s a file saved); setup.ts gives each file
          // a fresh environment, fresh Hangar modules, its own database and Payload instance
          isolate: false,
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
