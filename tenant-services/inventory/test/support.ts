/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { loadConfig } from '@marketplace/config';
import { outbox } from '@marketplace/events';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import { clientCredentialsToken, createTestTenant, type TestTenant } from '@marketplace/testing';
import { asc } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type InventoryConfig } from '../src/config';
import { ReservationExpirySweeper } from '../src/reservations/reservation-expiry.sweeper';

export interface GraphQLAnswer<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface RestAnswer {
  status: number;
  body: any;
}

export interface OutboxEvent {
  type: string;
  tenantId: string | null;
  payload: any;
  key: string;
}

export interface InventoryTestApp {
  config: InventoryConfig;
  database: MySqlDatabase;
  sweeper: ReservationExpirySweeper;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLAnswer<T>>;
  rest(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<RestAnswer>;
  /** Envelopes in this run's outbox, oldest first. */
  outboxEvents(filter?: { type?: string; key?: string }): Promise<OutboxEvent[]>;
  close(): Promise<void>;
}

/** The service in-process against the real stack, with a database of its own that `close()` drops. */
export async function startInventoryApp(): Promise<InventoryTestApp> {
  const config = loadConfig(configSchema, {
    ...process.env,
    MYSQL_DATABASE: `inventory_test_${ulid().toLowerCase()}`,
    LOG_LEVEL: 'silent',
    RESERVATION_SWEEP_INTERVAL_MS: '0',
  });
  const app = await createServiceApp(AppModule.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const database = app.get(MySqlDatabase);
  return {
    config,
    database,
    sweeper: app.get(ReservationExpirySweeper),
    async gql(query, variables = {}, token) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: GraphQLAnswer['errors'] };
      return {
        status: response.status,
        data: body.data ?? null,
        ...(body.errors ? { errors: body.errors } : {}),
      };
    },
    async rest(method, path, body, token) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async outboxEvents(filter = {}) {
      const rows = await database.db.select().from(outbox).orderBy(asc(outbox.id));
      return rows
        .map((row) => {
          const envelope = JSON.parse(row.envelope) as {
            type: string;
            tenantId: string | null;
            payload: unknown;
          };
          return {
            type: envelope.type,
            tenantId: envelope.tenantId,
            payload: envelope.payload,
            key: row.key,
          };
        })
        .filter(
          (event) =>
            (filter.type === undefined || event.type === filter.type) &&
            (filter.key === undefined || event.key === filter.key),
        );
    },
    async close() {
      await app.close();
      const connection = await mysql.createConnection(config.MYSQL_URL);
      await connection.query(`DROP DATABASE IF EXISTS \`${config.MYSQL_DATABASE}\``);
      await connection.end();
    },
  };
}

/** A real token of the platform's service account (the checkout saga's identity). */
export function serviceToken(): Promise<string> {
  const secret = process.env.KEYCLOAK_SERVICES_CLIENT_SECRET;
  if (!secret)
    throw new Error(
      'KEYCLOAK_SERVICES_CLIENT_SECRET is not set: run tests after eval "$(platform/stack/stack env)"',
    );
  return clientCredentialsToken(process.env.KEYCLOAK_SERVICES_CLIENT_ID ?? 'marketplace-services', secret);
}

export function errorCode(answer: GraphQLAnswer): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}

export function uniqueSku(prefix = 'SKU'): string {
  return `${prefix}-${ulid()}`;
}

export const SET_STOCK = `mutation($input: SetStockInput!) { setStock(input: $input) { sku locationId onHand reserved available version } }`;
export const ADJUST_STOCK = `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { sku locationId onHand reserved available } }`;
export const STOCK_LEVELS = `query($first: Int!, $after: String, $sku: String) {
  stockLevels(first: $first, after: $after, sku: $sku) { nodes { sku locationId onHand reserved available } pageInfo { endCursor hasNextPage } }
}`;

/** Sets `onHand` units of `sku` at the seller's default location. */
export async function stockUp(
  app: InventoryTestApp,
  seller: TestTenant,
  sku: string,
  onHand: number,
): Promise<void> {
  const answer = await app.gql(
    SET_STOCK,
    { input: { sku, onHand, reason: 'test stock' } },
    seller.owner.token,
  );
  if (answer.errors) throw new Error(`setStock failed: ${JSON.stringify(answer.errors)}`);
}

/** The seller's totals for one sku over all locations. */
export async function levelOf(
  app: InventoryTestApp,
  seller: TestTenant,
  sku: string,
): Promise<{ onHand: number; reserved: number; available: number }> {
  const answer = await app.gql(STOCK_LEVELS, { first: 50, sku }, seller.owner.token);
  if (answer.errors) throw new Error(`stockLevels failed: ${JSON.stringify(answer.errors)}`);
  const nodes = answer.data!.stockLevels.nodes as { onHand: number; reserved: number; available: number }[];
  return nodes.reduce(
    (sum, node) => ({
      onHand: sum.onHand + node.onHand,
      reserved: sum.reserved + node.reserved,
      available: sum.available + node.available,
    }),
    { onHand: 0, reserved: 0, available: 0 },
  );
}

export { createTestTenant };
