import type { INestApplication } from '@nestjs/common';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { graphqlClient, type GraphQLClient, restClient, type RestClient } from './graphql';

/** A Nest service started in-process for a test, listening on a free loopback port. */
export interface ServiceUnderTest<A extends INestApplication = INestApplication> {
  app: A;
  baseUrl: string;
  gql: GraphQLClient;
  /** REST calls; the token defaults to none. */
  rest: RestClient;
  /** Closes the app, then removes what the test created (its database). */
  close(): Promise<void>;
}

export interface ServiceUnderTestOptions {
  /** A MySQL database of the test's own, dropped on close. */
  mysql?: { url: string; database: string };
  /** More clean-up after the app closed (a MongoDB database, S3 objects, ...). */
  cleanup?: () => Promise<void>;
}

/** A database (or key prefix) name no other run uses: `<service>_test_<ulid>`. */
export function testDatabaseName(service: string): string {
  return `${service}_test_${ulid().toLowerCase()}`;
}

/**
 * Offboarding settings of one test run (ADR 0038). Runs share one Kafka, so every run sees every run's requests:
 * only a run that tests offboarding takes part (`participant`), with consumer groups of its own reading from the
 * end; any other service under test stays out, so it never writes an empty export part over the requesting
 * run's or confirms a deletion it did not do.
 */
export function offboardingTestEnv(
  service: string,
  { participant = false }: { participant?: boolean } = {},
): Record<string, string> {
  const run = ulid().toLowerCase();
  return {
    OFFBOARDING_PARTICIPANT: String(participant),
    OFFBOARDING_EVENTS_GROUP: `test-${service}-offboarding-${run}`,
    OFFBOARDING_COORDINATOR_GROUP: `test-${service}-offboarding-coordinator-${run}`,
    OFFBOARDING_EVENTS_START_FROM: 'latest',
  };
}

/**
 * The environment of a service under test: the stack's settings (`stack env`), silent logs, a MySQL database
 * of its own (`<service>_test_<ulid>`) and offboarding groups of its own, with the test's overrides.
 */
export function testServiceEnv(
  service: string,
  overrides: Record<string, string> = {},
): Record<string, string | undefined> {
  return {
    ...process.env,
    LOG_LEVEL: 'silent',
    MYSQL_DATABASE: testDatabaseName(service),
    ...offboardingTestEnv(service),
    ...overrides,
  };
}

/** Drops the service's own MySQL database when the test closes it. */
export function dropsOwnDatabase(config: {
  MYSQL_URL: string;
  MYSQL_DATABASE: string;
}): ServiceUnderTestOptions {
  return { mysql: { url: config.MYSQL_URL, database: config.MYSQL_DATABASE } };
}

/**
 * Starts an app built by the service's own factory (`createServiceApp(AppModule.forRoot(config))`) on
 * 127.0.0.1 and a free port, with clients for its GraphQL and REST endpoints.
 */
export async function startServiceUnderTest<A extends INestApplication>(
  create: () => Promise<A>,
  options: ServiceUnderTestOptions = {},
): Promise<ServiceUnderTest<A>> {
  const app = await create();
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  return {
    app,
    baseUrl,
    gql: graphqlClient(baseUrl),
    rest: restClient(baseUrl),
    async close() {
      await app.close();
      if (options.mysql) await dropMySqlDatabase(options.mysql.url, options.mysql.database);
      await options.cleanup?.();
    },
  };
}

/** A MySQL service under test with a database of its own, dropped on close; its config alongside. */
export async function startMySqlServiceUnderTest<
  C extends { MYSQL_URL: string; MYSQL_DATABASE: string },
  A extends INestApplication,
>(config: C, create: (config: C) => Promise<A>): Promise<ServiceUnderTest<A> & { config: C }> {
  return { ...(await startServiceUnderTest(() => create(config), dropsOwnDatabase(config))), config };
}

export async function dropMySqlDatabase(url: string, database: string): Promise<void> {
  const connection = await mysql.createConnection(url);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}
