import nextCoreWebVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'

const eslintConfig = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The member site's catch-all 404 route (app/(site)/[...missing]) matches every address, so
      // this rule would flag every plain <a> to our own pages, including the deliberate full page
      // loads (after a payment, in the global error page). It exists for the Pages Router.
      '@next/next/no-html-link-for-pages': 'off',
      // date-fns' root loads all of its ~250 functions, about half a second in every process that
      // boots the config outside the Next bundle (each test file, the CLI, the jobs worker)
      'no-restricted-imports': ['error', { paths: [{ name: 'date-fns', message: "Import the function from its own path, e.g. import { addDays } from 'date-fns/addDays'." }] }],
    },
  },
  {
    ignores: ['.next/', 'node_modules/', 'data/', 'payload-types.ts', 'app/(payload)/admin/importMap.js', 'migrations/', 'tests/e2e/artifacts/'],
  },
]

export default eslintConfig
