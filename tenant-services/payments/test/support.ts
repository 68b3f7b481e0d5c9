/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { loadConfig } from '@marketplace/config';
import { outbox } from '@marketplace/events';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import { clientCredentialsToken } from '@marketplace/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { asc, type SQL } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import Stripe from 'stripe';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type PaymentsConfig } from '../src/config';
import { PaymentSweeper } from '../src/payments/sweeper';

export interface Answer<T = any> {
  status: number;
  body: T;
}

export interface GraphQLAnswer<T = Record<string, any>> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface PaymentsTestApp {
  app: NestFastifyApplication;
  config: PaymentsConfig;
  baseUrl: string;
  database: MySqlDatabase;
  sweeper: PaymentSweeper;
  /** REST call; `token` defaults to the platform services client (the orders saga's identity). */
  call<T = any>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<Answer<T>>;
  gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<GraphQLAnswer<T>>;
  /** Posts a webhook signed like Stripe signs it (SDK test header), or with `signature` as given. */
  webhook(
    event: { id?: string; type: string; object: Record<string, unknown> },
    signature?: string,
  ): Promise<Answer>;
  outboxEvents(key?: string): Promise<{ type: string; tenantId: string | null; payload: any }[]>;
  /** `select count(*) as n ...` */
  count(query: SQL): Promise<number>;
  close(): Promise<void>;
}

const webhookSigner = new Stripe('sk_test_signer', { telemetry: false });

/** A provider event as Stripe posts it: the JSON body and its Stripe-Signature (the SDK's test header). */
export function signedWebhook(
  event: { id?: string; type: string; object: Record<string, unknown> },
  secret: string,
): { payload: string; signature: string } {
  const payload = JSON.stringify({
    id: event.id ?? `evt_${ulid()}`,
    object: 'event',
    type: event.type,
    data: { object: event.object },
  });
  return { payload, signature: webhookSigner.webhooks.generateTestHeaderString({ payload, secret }) };
}

/** The service in-process against the real stack, with a database of its own that `close()` drops. */
export async function startPaymentsApp(overrides: Record<string, string> = {}): Promise<PaymentsTestApp> {
  const config = loadConfig(configSchema, {
    ...process.env,
    MYSQL_DATABASE: `payments_test_${ulid().toLowerCase()}`,
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MS: '0',
    STRIPE_WEBHOOK_SECRET: `whsec_${ulid()}`,
    ...overrides,
  });
  const app: NestFastifyApplication = await createServiceApp(AppModule.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const database = app.get(MySqlDatabase);
  const servicesToken = await clientCredentialsToken(
    process.env.KEYCLOAK_SERVICES_CLIENT_ID ?? 'marketplace-services',
    process.env.KEYCLOAK_SERVICES_CLIENT_SECRET ?? 'marketplace-services-secret',
  );

  async function post(path: string, payload: string, headers: Record<string, string>): Promise<Answer> {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: payload });
    return { status: response.status, body: await response.json() };
  }

  return {
    app,
    config,
    baseUrl: base,
    database,
    sweeper: app.get(PaymentSweeper),
    async call(method, path, body, token = servicesToken) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: await response.json() };
    },
    async gql(query, variables, token) {
      const answer = await post('/graphql', JSON.stringify({ query, variables }), {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      });
      return {
        data: answer.body.data ?? null,
        ...(answer.body.errors ? { errors: answer.body.errors } : {}),
      };
    },
    async webhook(event, signature) {
      const signed = signedWebhook(event, config.STRIPE_WEBHOOK_SECRET);
      return post('/webhooks/stripe', signed.payload, {
        'content-type': 'application/json',
        'stripe-signature': signature ?? signed.signature,
      });
    },
    async outboxEvents(key) {
      const rows = await database.db.select().from(outbox).orderBy(asc(outbox.id));
      return rows
        .filter((row) => key === undefined || row.key === key)
        .map((row) => JSON.parse(row.envelope) as { type: string; tenantId: string | null; payload: any });
    },
    async count(query) {
      const [rows] = await database.db.execute(query);
      return Number((rows as unknown as { n: number }[])[0]?.n ?? 0);
    },
    async close() {
      await app.close();
      const connection = await mysql.createConnection(config.MYSQL_URL);
      await connection.query(`DROP DATABASE IF EXISTS \`${config.MYSQL_DATABASE}\``);
      await connection.end();
    },
  };
}

export const START_ONBOARDING = `mutation($input: StartPayoutOnboardingInput!) {
  startPayoutOnboarding(input: $input) { url account { accountId payoutsEnabled chargesEnabled } }
}`;

export const ONBOARDING_LINKS = {
  returnUrl: 'https://seller.example.test/payouts/done',
  refreshUrl: 'https://seller.example.test/payouts/retry',
};
