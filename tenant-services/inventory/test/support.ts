import { loadConfig } from '@marketplace/config';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import {
  createTestTenant,
  outboxEnvelopes,
  type ServiceUnderTest,
  startMySqlServiceUnderTest,
  type OutboxEnvelope,
  testServiceEnv,
  type TestTenant,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type InventoryConfig } from '../src/config';
import { ReservationExpirySweeper } from '../src/reservations/reservation-expiry.sweeper';

export { errorCode, serviceToken, type GraphQLAnswer } from '@marketplace/testing';

export interface InventoryTestApp extends ServiceUnderTest {
  config: InventoryConfig;
  database: MySqlDatabase;
  sweeper: ReservationExpirySweeper;
  /** Envelopes in this run's outbox, oldest first. */
  outboxEvents(filter?: { type?: string; key?: string }): Promise<OutboxEnvelope[]>;
}

/** The service in-process against the real stack, with a database of its own that `close()` drops. */
export async function startInventoryApp(): Promise<InventoryTestApp> {
  const service = await startMySqlServiceUnderTest(
    loadConfig(configSchema, testServiceEnv('inventory', { RESERVATION_SWEEP_INTERVAL_MS: '0' })),
    (config) => createServiceApp(AppModule.forRoot(config)),
  );
  const database = service.app.get(MySqlDatabase);
  const sweeper = service.app.get(ReservationExpirySweeper);
  return {
    ...service,
    database,
    sweeper,
    outboxEvents: (filter = {}) => outboxEnvelopes(database.db, filter),
  };
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
