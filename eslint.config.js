// ESLint: code rules. What may import what (capabilities, contract, client) is checked by
// dependency-cruiser (.dependency-cruiser.cjs); both run in `npm run lint`, part of `npm test`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A string or template that starts like a SQL statement. */
const sqlStart = String.raw`/^\s*(select|insert\s+into|update\s+\S+\s+set|delete\s+from|with\s+\w+\s+as)\s/i`;

export default defineConfig(
  { ignores: ['client/dist/', 'node_modules/', '.data/', '.gl/', 'tests/artifacts/', 'tests/scratch/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `_` marks what is left out on purpose: `const { timeline: _, ...view } = row`
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      // `let { cx, cy } = …` where only one of them changes reads better than two statements
      'prefer-const': ['error', { destructuring: 'all' }],
      // `declare global { namespace Express { … } }` is how Express's Request gets its principal
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // CommonJS config files (dependency-cruiser reads .cjs)
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // text validation rejects control characters on purpose
    files: ['server/src/contract/text.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // SQL lives only in query files (and in db/, which runs migrations and creates databases):
    // routes, commands and logic modules call query functions, they never hold SQL
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/queries.ts', 'server/src/**/*.queries.ts', 'server/src/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${sqlStart}]`, message: 'SQL belongs in a query file (queries.ts or *.queries.ts).' },
        { selector: `TemplateElement[value.raw=${sqlStart}]`, message: 'SQL belongs in a query file (queries.ts or *.queries.ts).' },
      ],
    },
  },
  {
    // query files are SQL only: they never see a request or a response
    files: ['server/src/**/queries.ts', 'server/src/**/*.queries.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'express', message: 'Query files never see req/res: take plain values.' }] }],
    },
  },
);
