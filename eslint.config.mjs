// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node built-ins, no framework. */
const workflowForbiddenImports = {
  patterns: [
    { group: ['node:*'], message: 'Workflow code may not use Node built-ins (non-deterministic).' },
    {
      group: [
        '@nestjs/*',
        'typeorm',
        'typeorm/*',
        'pg',
        'pg-*',
        '@temporalio/client',
        '@temporalio/worker',
        '@temporalio/activity',
      ],
      message: 'Workflow code may only import @temporalio/workflow, activity types and pure domain code.',
    },
    {
      group: ['@mentorflow/*'],
      message: 'Import pure domain code by relative path so the workflow bundler resolves it.',
    },
  ],
  paths: [
    'assert',
    'buffer',
    'child_process',
    'crypto',
    'dns',
    'events',
    'fs',
    'http',
    'https',
    'net',
    'os',
    'path',
    'process',
    'stream',
    'timers',
    'url',
    'util',
    'worker_threads',
    'zlib',
  ],
};

/** Type-aware linting of `files` (through the TypeScript project service) with the given runtime's globals. */
const typeChecked = (files, runtimeGlobals) => ({
  files,
  languageOptions: {
    parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    globals: { ...runtimeGlobals },
  },
  rules: {
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'docker/**', 'apps/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  typeChecked(['**/*.ts'], globals.node),
  // The web application runs in the browser and is type-checked by its own tsconfig (DOM, JSX).
  typeChecked(['apps/web/**/*.ts', 'apps/web/**/*.tsx'], globals.browser),
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', workflowForbiddenImports],
      '@typescript-eslint/no-restricted-imports': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', '@temporalio/*', 'node:*'],
              message: 'The domain is pure: no framework, no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // CommonJS helpers shared by the ESM scripts and the Jest-run soak tests (scripts/lib/process.cjs).
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  // Formatting is Prettier's (`npm run format`); ESLint's stylistic rules stay off so the two never disagree.
  prettier,
);
