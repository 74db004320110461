// Each test script writes Jest's JSON report here (`--outputFile`); .ci/run sums them.
require('node:fs').mkdirSync(require('node:path').join(__dirname, 'reports'), { recursive: true });

// Three projects so each kind of test has its own npm script; the README's `npm test` runs them all.
// jose (under jwks-rsa, OIDC mode) ships only ES modules; Jest's CommonJS registry needs them compiled.
const transform = {
  '^.+\\.ts$': ['@swc/jest'],
  '/node_modules/jose/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
};
const moduleNameMapper = {
  '^@mentorflow/(domain|event-store|projections|temporal|config|calendar|database)$': '<rootDir>/libs/$1/src',
  '^@mentorflow/(domain|event-store|projections|temporal|config|calendar|database)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^@mentorflow/workflows$': '<rootDir>/workflows',
  '^@mentorflow/workflows/(.*)$': '<rootDir>/workflows/$1',
};
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Integration and end-to-end tests start real servers; unit tests finish far below this.
  testTimeout: 180000,
  // Each end-to-end file leaves tens of MB behind in the process that ran it (its Nest app and worker; the workflow
  // bundle is built once and shared); 88 files in one process reached V8's 4 GB heap limit in CI (exit 134), when
  // each file still bundled its own workflows. test:e2e therefore runs the
  // files in one worker process (--maxWorkers=1, not --runInBand), replaced once it holds more than this.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/workflows'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // `npm run test:cluster` only (not in the default run): the Temporal server on PostgreSQL instead of the dev
      // server (test/cluster/setup.ts), its own suites and the main journeys of the end-to-end suite against it.
      ...common,
      displayName: 'cluster',
      roots: ['<rootDir>/test/cluster', '<rootDir>/test/e2e'],
      testMatch: [
        '**/test/cluster/*.cluster-spec.ts',
        '**/test/e2e/programme-lifecycle.e2e-spec.ts',
        '**/test/e2e/pair-regulations.e2e-spec.ts',
        '**/test/e2e/route.e2e-spec.ts',
      ],
      globalSetup: '<rootDir>/test/cluster/setup.ts',
      globalTeardown: '<rootDir>/test/cluster/teardown.ts',
    },
  ],
};
