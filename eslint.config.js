import nx from '@nx/eslint-plugin';

const boundaryRule = (testFiles) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      // apps hold the domain; they stand on libs and never import each other
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:catalog', ...testFiles] },
      // contracts are plain generated types + codecs: no framework, no infrastructure
      { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'], bannedExternalImports: frameworks },
      // platform libs are plumbing: they know no domain (no contracts, no apps)
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', ...testFiles] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:catalog', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:catalog', 'type:contract', 'type:platform', 'type:tool', ...testFiles] },
      // end-to-end suites drive built services as processes; they import no app
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:catalog', 'type:testing', 'type:tool'] },
    ],
  },
];

const frameworks = ['@nestjs/*', 'fastify', '@fastify/*', 'kysely', 'pg', '@electric-sql/*', 'kafkajs'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/src/gen/**', '.nx', '.data'],
  },
  {
    files: ['**/src/**/*.ts', '**/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule([]),
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // tests may also use the testing helpers
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(['type:testing']),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
