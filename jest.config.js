// Two projects: `unit` (*.spec.ts next to the code, no servers) and `integration`
// (*.int-spec.ts, against the real local stack that `npm test` starts first).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];
// ESM-only dependencies are transpiled to CommonJS for jest like our own sources.
const esmDeps = ['jose', '@platformatic', 'uuid', 'ulid', 'cockatiel', '@nestjs', 'cookie', '@apidevtools'];
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${esmDeps.join('|')}))`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stack/'],
};
module.exports = {
  // Jest 30 ignores testTimeout inside `projects`; integration tests provision real Keycloak users and databases.
  testTimeout: 60000,
  // Suites share one set of real servers (and the stack CLI suite restarts one of them): run them one at a time.
  maxWorkers: 1,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{platform,tenant-services}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{platform,tenant-services}/**/*.int-spec.ts'],
    },
  ],
};
