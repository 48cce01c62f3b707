// Lint is where the module boundaries live: workflow code must stay deterministic (no Node, no
// NestJS, no Kafka, no Temporal client or worker, and activities by type only), pure libs import
// only pure libs. The workflow bundle test catches what slips through at bundle time.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'worker_threads', 'process'];
const NOT_IN_WORKFLOWS = [...NODE_BUILTINS, '@nestjs/*', 'kafkajs', 'cloudevents', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'];

module.exports = [
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', '.infra/**', 'tmp/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:pure', onlyDependOnLibsWithTags: ['scope:pure'], bannedExternalImports: NOT_IN_WORKFLOWS },
            {
              sourceTag: 'scope:workflow',
              onlyDependOnLibsWithTags: ['scope:pure', 'scope:workflow', 'scope:activity'],
              bannedExternalImports: NOT_IN_WORKFLOWS,
            },
            { sourceTag: 'scope:activity', onlyDependOnLibsWithTags: ['scope:pure', 'scope:node'] },
            { sourceTag: 'scope:node', onlyDependOnLibsWithTags: ['scope:pure', 'scope:node', 'scope:activity', 'scope:workflow'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Deterministic code: no Node built-ins, no I/O clients. Workflows may name activities'
    // types (proxyActivities<T>), never load their code.
    files: ['workflows/**/*.ts', 'libs/calendar/**/*.ts', 'libs/contracts/**/*.ts', 'libs/dossier/**/*.ts', 'libs/catalog/**/*.ts', 'libs/wire/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@motcua/activities', message: 'workflows import only the types of activities', allowTypeImports: true }],
          patterns: [{ group: NOT_IN_WORKFLOWS, message: 'not in deterministic code (workflows and the pure libs they import)' }],
        },
      ],
    },
  },
  {
    // Specs, and the apps' test harnesses (a browser test wires the API, the identity provider and
    // the projector's fold together): app-to-app imports in tests only.
    files: ['**/*.spec.ts', 'apps/*/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-restricted-imports': 'off' },
  },
];
