// Shared jest settings. Jest runs in native ESM mode (NestJS 12 ships ESM only),
// TypeScript goes through SWC with legacy decorators + metadata for Nest DI.
export const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/** @type {import('jest').Config} */
export const preset = {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@bazaar/source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swcTransform },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30_000,
  // kafkajs can leave reconnect timers behind after a broker restart; a test run must never hang CI on them.
  forceExit: true,
};
