import { loadConfig } from '@marketplace/config';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import {
  dropsOwnDatabase,
  type GraphQLClient,
  type Loose,
  outboxEnvelopes,
  type OutboxEnvelope,
  restClient,
  type RestAnswer,
  type RestClient,
  serviceToken,
  startServiceUnderTest,
  type ServiceUnderTest,
  testServiceEnv,
} from '@marketplace/testing';
import type { SQL } from 'drizzle-orm';
import Stripe from 'stripe';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type PaymentsConfig } from '../src/config';
import { PaymentSweeper } from '../src/payments/sweeper';

export interface PaymentsTestApp {
  app: ServiceUnderTest['app'];
  config: PaymentsConfig;
  baseUrl: string;
  database: MySqlDatabase;
  sweeper: PaymentSweeper;
  /** REST call; `token` defaults to the platform services client (the orders saga's identity). */
  call: RestClient;
  gql: GraphQLClient;
  /** Posts a webhook signed like Stripe signs it (SDK test header), or with `signature` as given. */
  webhook(
    event: { id?: string; type: string; object: Record<string, unknown>; account?: string },
    signature?: string,
  ): Promise<RestAnswer>;
  outboxEvents(key?: string): Promise<OutboxEnvelope[]>;
  /** `select count(*) as n ...` */
  count(query: SQL): Promise<number>;
  close(): Promise<void>;
}

const webhookSigner = new Stripe('sk_test_signer', { telemetry: false });

/** A provider event as Stripe posts it: the JSON body and its Stripe-Signature (the SDK's test header). */
export function signedWebhook(
  event: { id?: string; type: string; object: Record<string, unknown>; account?: string },
  secret: string,
): { payload: string; signature: string } {
  const payload = JSON.stringify({
    id: event.id ?? `evt_${ulid()}`,
    object: 'event',
    type: event.type,
    ...(event.account ? { account: event.account } : {}),
    data: { object: event.object },
  });
  return { payload, signature: webhookSigner.webhooks.generateTestHeaderString({ payload, secret }) };
}

/** The service in-process against the real stack, with a database of its own that `close()` drops. */
export async function startPaymentsApp(overrides: Record<string, string> = {}): Promise<PaymentsTestApp> {
  const config = loadConfig(
    configSchema,
    testServiceEnv('payments', {
      SWEEP_INTERVAL_MS: '0',
      STRIPE_WEBHOOK_SECRET: `whsec_${ulid()}`,
      ...overrides,
    }),
  );
  const module = AppModule.forRoot(config);
  const service = await startServiceUnderTest(() => createServiceApp(module), dropsOwnDatabase(config));
  const database = service.app.get(MySqlDatabase);

  return {
    app: service.app,
    config,
    baseUrl: service.baseUrl,
    database,
    sweeper: service.app.get(PaymentSweeper),
    call: restClient(service.baseUrl, await serviceToken()),
    gql: service.gql,
    async webhook(event, signature) {
      const signed = signedWebhook(event, config.STRIPE_WEBHOOK_SECRET);
      const response = await fetch(`${service.baseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature ?? signed.signature },
        body: signed.payload,
      });
      return { status: response.status, body: (await response.json()) as Loose };
    },
    outboxEvents: (key) => outboxEnvelopes(database.db, key === undefined ? {} : { key }),
    async count(query) {
      const [rows] = await database.db.execute(query);
      return Number((rows as unknown as { n: number }[])[0]?.n ?? 0);
    },
    close: () => service.close(),
  };
}

/** A buyer order paid as the saga and Stripe do it: the payment created internally, then the signed success webhook. */
export async function paidOrder(
  app: PaymentsTestApp,
  amount: number,
): Promise<{ buyerOrderId: string; intentId: string }> {
  const buyerOrderId = ulid();
  const created = await app.call('POST', '/internal/payments', {
    buyerOrderId,
    amount,
    currency: 'EUR',
    idempotencyKey: `checkout-${buyerOrderId}`,
  });
  if (created.status !== 200) throw new Error(`payment creation answered ${created.status}`);
  const intentId = created.body.intentId as string;
  const paid = await app.webhook({
    type: 'payment_intent.succeeded',
    object: { id: intentId, object: 'payment_intent' },
  });
  if (paid.body.outcome !== 'processed')
    throw new Error(`the success webhook was ${JSON.stringify(paid.body)}`);
  return { buyerOrderId, intentId };
}

/**
 * A paid buyer order (see `paidOrder`) settled as the saga settles it: one seller order per entry, 10 %
 * commission each; the payment is the sum of the subtotals.
 */
export async function settledOrder(
  app: PaymentsTestApp,
  sellers: { tenantId: string; subtotal: number }[],
): Promise<{
  buyerOrderId: string;
  intentId: string;
  sellerOrderIds: string[];
  transfers: Loose[];
}> {
  const paid = await paidOrder(
    app,
    sellers.reduce((sum, seller) => sum + seller.subtotal, 0),
  );
  const sellerOrderIds = sellers.map(() => ulid());
  const settled = await app.call('POST', `/internal/payments/${paid.buyerOrderId}/settle`, {
    sellerOrders: sellers.map(({ tenantId, subtotal }, index) => ({
      sellerOrderId: sellerOrderIds[index],
      tenantId,
      subtotal,
      commissionBps: 1_000,
    })),
  });
  if (settled.status !== 200)
    throw new Error(`settlement answered ${settled.status}: ${JSON.stringify(settled.body)}`);
  return { ...paid, sellerOrderIds, transfers: settled.body.transfers as Loose[] };
}

export const START_ONBOARDING = `mutation($input: StartPayoutOnboardingInput!) {
  startPayoutOnboarding(input: $input) { url account { accountId payoutsEnabled chargesEnabled } }
}`;

export const ONBOARDING_LINKS = {
  returnUrl: 'https://seller.example.test/payouts/done',
  refreshUrl: 'https://seller.example.test/payouts/retry',
};
