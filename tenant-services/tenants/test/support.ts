import { Consumer, stringDeserializers, type Message } from '@platformatic/kafka';
import { loadConfig } from '@marketplace/config';
import { TENANT_TOPIC } from '@marketplace/contracts';
import { outbox } from '@marketplace/events';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import { createTestAdmin, createTestBuyer, passwordToken, type TestUser } from '@marketplace/testing';
import { asc } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type TenantsConfig } from '../src/config';

/** GraphQL answers are checked by assertions rather than types; a permissive shape keeps the tests readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface GraphQLAnswer<T = Record<string, Loose>> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TenantsTestApp {
  config: TenantsConfig;
  database: MySqlDatabase;
  gql<T = Record<string, Loose>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLAnswer<T>>;
  /** Envelopes in this run's outbox, oldest first. */
  outboxEvents(
    tenantId?: string,
  ): Promise<{ type: string; tenantId: string | null; payload: Loose; published: boolean; key: string }[]>;
  close(): Promise<void>;
}

/** The service in-process against the real stack, with a database of its own that `close()` drops. */
export async function startTenantsApp(): Promise<TenantsTestApp> {
  const config = loadConfig(configSchema, {
    ...process.env,
    MYSQL_DATABASE: `tenants_test_${ulid().toLowerCase()}`,
    AUDIT_EVENTS_GROUP: `tenants-audit-test-${ulid().toLowerCase()}`,
    LOG_LEVEL: 'silent',
  });
  const app = await createServiceApp(AppModule.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`;
  const database = app.get(MySqlDatabase);
  return {
    config,
    database,
    async gql(query, variables = {}, token) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Loose; errors?: GraphQLAnswer['errors'] };
      return {
        status: response.status,
        data: body.data ?? null,
        ...(body.errors ? { errors: body.errors } : {}),
      };
    },
    async outboxEvents(tenantId) {
      const rows: (typeof outbox.$inferSelect)[] = await database.db
        .select()
        .from(outbox)
        .orderBy(asc(outbox.id));
      return rows
        .map((row) => {
          const envelope = JSON.parse(row.envelope) as {
            type: string;
            tenantId: string | null;
            payload: Loose;
          };
          return { ...envelope, published: row.publishedAt !== null, key: row.key };
        })
        .filter((event) => tenantId === undefined || event.tenantId === tenantId);
    },
    async close() {
      await app.close();
      const connection = await mysql.createConnection(config.MYSQL_URL);
      await connection.query(`DROP DATABASE IF EXISTS \`${config.MYSQL_DATABASE}\``);
      await connection.end();
    },
  };
}

export function errorCode(answer: GraphQLAnswer): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}

export function uniqueAlias(prefix = 'shop'): string {
  return `${prefix}-${ulid().toLowerCase()}`;
}

export interface Seller {
  tenantId: string;
  alias: string;
  owner: TestUser;
  /** Fresh token after sign-up: carries the organization and the seller-owner role. */
  ownerToken: string;
}

const TENANT_FIELDS = 'id name alias status commissionBps defaultCurrency contactEmail';

export const SIGN_UP = `mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { message tenant { ${TENANT_FIELDS} } } }`;

/** A new buyer signs up a seller organization and signs in again; `active` also has an admin approve it. */
export async function newSeller(
  app: TenantsTestApp,
  options: { active?: boolean; admin?: TestUser } = {},
): Promise<Seller> {
  const owner = await createTestBuyer();
  const alias = uniqueAlias();
  const answer = await app.gql(SIGN_UP, { input: { name: `Shop ${alias}`, alias } }, owner.token);
  if (answer.errors) throw new Error(`sign-up failed: ${JSON.stringify(answer.errors)}`);
  const tenantId = answer.data!.signUpSeller.tenant.id as string;
  if (options.active) {
    const admin = options.admin ?? (await createTestAdmin());
    const approved = await app.gql(
      'mutation($id: ID!) { approveTenant(id: $id) { status } }',
      { id: tenantId },
      admin.token,
    );
    if (approved.errors) throw new Error(`approval failed: ${JSON.stringify(approved.errors)}`);
  }
  return { tenantId, alias, owner, ownerToken: await passwordToken(owner.email) };
}

export function claimsOf(token: string): Record<string, Loose> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads the tenant topic from the beginning with a throw-away group, collecting the envelopes of one tenant. */
export async function readTenantTopic(
  brokers: string[],
  tenantId: string,
): Promise<{ events: { type: string; key: string; payload: Loose }[]; stop(): Promise<void> }> {
  const consumer = new Consumer({
    clientId: `tenants-test-${ulid().toLowerCase()}`,
    groupId: `tenants-test-${ulid().toLowerCase()}`,
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
    maxWaitTime: 200,
  });
  const stream = await consumer.consume({ topics: [TENANT_TOPIC], mode: 'earliest', autocommit: false });
  const events: { type: string; key: string; payload: Loose }[] = [];
  stream.on('data', (message: Message<string, string, string, string>) => {
    const envelope = JSON.parse(message.value) as { type: string; tenantId: string; payload: unknown };
    if (envelope.tenantId === tenantId)
      events.push({ type: envelope.type, key: message.key, payload: envelope.payload });
  });
  return {
    events,
    async stop() {
      await stream.close();
      await consumer.close(true);
    },
  };
}
