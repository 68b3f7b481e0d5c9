// Two projects: `unit` (*.spec.ts next to the code, no servers) and `integration`
// (*.int-spec.ts, against the real local stack that `npm test` starts first).
// The same transform as the dev loader and the images' build.
const swc = ['@swc/jest', require('@marketplace/ts-register/swc-options')];
// ESM-only dependencies are transpiled to CommonJS for jest like our own sources.
const esmDeps = [
  'jose',
  '@platformatic',
  'uuid',
  'ulid',
  'cockatiel',
  '@nestjs',
  'cookie',
  '@apidevtools',
  '@graphql-hive/router-runtime',
  '@graphql-hive\\+router-runtime',
];
const shared = {
  transform: {
    '^.+\\.(t|j|mj)s$': swc,
    // The gateway's query planner runtime loads its native planner with import(), which jest's CommonJS sandbox
    // cannot run: transpiled, the import() becomes a require().
    '/@graphql-hive/router-runtime/dist/index\\.cjs$': swc,
  },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${esmDeps.join('|')}))`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stack/'],
};
// `npm test` runs jest in lanes (JEST_LANE, platform/stack/bin/test). The platform's suites (libraries, gateway,
// end to end: their services get run-unique consumer groups) run beside the services' own suites, one suite at a
// time in each lane, so two copies of one service never share a consumer group; chart-true, which starts every
// service with some groups at their defaults, runs in the services' lane. Then, alone, the suites that stop a
// shared server (the Kafka outage stops a private broker instead: platform lane), and the catalog's search suites
// that take every run's product events (the OpenSearch indexer builds documents from the events alone) or answer
// offboarding requests, which would meet the other lanes' products and requests. Without JEST_LANE every suite runs.
const runsAlone =
  '/(platform/stack/test/stack-cli|tenant-services/catalog/test/search-(conformance|index|outage))\\.int-spec\\.ts$';
const chartTrue = '/platform/e2e/test/chart-true\\.int-spec\\.ts$';
const laneIgnores = {
  platform: ['^(?!.*/platform/)', chartTrue, runsAlone],
  services: [`/platform/(?!e2e/test/chart-true)`, runsAlone],
  exclusive: [`^(?!.*${runsAlone})`],
};
const lane = process.env.JEST_LANE;
if (lane && !laneIgnores[lane])
  throw new Error(`JEST_LANE must be one of ${Object.keys(laneIgnores).join(', ')}`);
if (lane) shared.testPathIgnorePatterns = [...shared.testPathIgnorePatterns, ...laneIgnores[lane]];
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
      setupFiles: ['<rootDir>/platform/libs/testing/src/integration-env.ts'],
    },
  ],
};
