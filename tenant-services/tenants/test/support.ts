import { Consumer, stringDeserializers, type Message } from '@platformatic/kafka';
import { loadConfig } from '@marketplace/config';
import { TENANT_TOPIC } from '@marketplace/contracts';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import {
  createTestAdmin,
  createTestBuyer,
  type Loose,
  outboxEnvelopes,
  type ServiceUnderTest,
  startMySqlServiceUnderTest,
  type OutboxEnvelope,
  passwordToken,
  testServiceEnv,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type TenantsConfig } from '../src/config';

export { errorCode, waitFor, type GraphQLAnswer, type Loose } from '@marketplace/testing';

export interface TenantsTestApp extends ServiceUnderTest {
  config: TenantsConfig;
  database: MySqlDatabase;
  /** Envelopes in this run's outbox, oldest first. */
  outboxEvents(tenantId?: string): Promise<OutboxEnvelope[]>;
}

/** The service in-process against the real stack, with a database of its own that `close()` drops. */
export async function startTenantsApp(): Promise<TenantsTestApp> {
  const service = await startMySqlServiceUnderTest(
    loadConfig(
      configSchema,
      testServiceEnv('tenants', { AUDIT_EVENTS_GROUP: `tenants-audit-test-${ulid().toLowerCase()}` }),
    ),
    (config) => createServiceApp(AppModule.forRoot(config)),
  );
  const database = service.app.get(MySqlDatabase);
  return {
    ...service,
    database,
    outboxEvents: (tenantId) => outboxEnvelopes(database.db, tenantId === undefined ? {} : { tenantId }),
  };
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
