/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  TenantActivated,
  TenantReactivated,
  TenantRegistered,
  TenantSuspended,
} from '@marketplace/contracts';
import { KafkaSender } from '@marketplace/events';
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { ulid } from 'ulid';
import {
  ONBOARDING_LINKS,
  settledOrder,
  START_ONBOARDING,
  startPaymentsApp,
  type PaymentsTestApp,
} from './support';

/**
 * KYC-gated payouts (ADR 0016): a seller's share goes only to an account whose transfers capability is active and
 * whose tenant is approved and not suspended; otherwise it is held in the ledger and released by `account.updated`
 * (signed with the Stripe SDK's test header) or by the tenant's reactivation (tenants.tenant.v1 on Kafka).
 * Stripe adapter against stripe-mock, real MariaDB, Kafka and Keycloak.
 */
describe('payments: payouts only to verified, approved sellers (stripe-mock)', () => {
  let app: PaymentsTestApp;
  let kafka: KafkaSender;

  beforeAll(async () => {
    app = await startPaymentsApp({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_kyc',
      TENANT_EVENTS_GROUP: `payments-test-tenants-${ulid()}`,
    });
    kafka = new KafkaSender({ brokers: app.config.KAFKA_BROKERS, clientId: `payments-test-${ulid()}` });
  });
  afterAll(async () => {
    await kafka.close();
    await app.close();
  });

  async function publish(event: { topic: string; envelope: unknown }, key: string): Promise<void> {
    await kafka.send([{ topic: event.topic, key, value: JSON.stringify(event.envelope), headers: {} }]);
  }

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const until = Date.now() + 30_000;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > until) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const waitForStatus = (tenantId: string, status: string) =>
    eventually(
      async () => {
        const [rows] = await app.database.db.execute(
          sql`select status from tenant_statuses where tenant_id = ${tenantId}`,
        );
        return (rows as unknown as { status: string }[])[0]?.status;
      },
      (seen) => seen === status,
    );

  async function onboard(seller: TestTenant): Promise<string> {
    const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, seller.owner.token);
    expect(started.errors).toBeUndefined();
    return started.data!.startPayoutOnboarding.account.accountId as string;
  }

  function accountUpdated(seller: TestTenant, accountId: string, transfers: string, id = `evt_${ulid()}`) {
    return app.webhook({
      id,
      type: 'account.updated',
      object: {
        id: accountId,
        object: 'account',
        charges_enabled: transfers === 'active',
        payouts_enabled: transfers === 'active',
        details_submitted: true,
        capabilities: { transfers },
        metadata: { tenantId: seller.tenantId },
      },
    });
  }

  async function settledOrderOf(seller: TestTenant, subtotal: number) {
    const { buyerOrderId, sellerOrderIds, transfers } = await settledOrder(app, [
      { tenantId: seller.tenantId, subtotal },
    ]);
    return { buyerOrderId, sellerOrderId: sellerOrderIds[0]!, transfer: transfers[0]! };
  }

  const ledgerOf = async (buyerOrderId: string) =>
    ((await app.call('GET', `/internal/payments/${buyerOrderId}`)).body.ledger as any[]).map((entry) => [
      entry.kind,
      entry.amount,
    ]);

  it('holds a transfer to an account without the transfers capability, and account.updated releases it once', async () => {
    const seller = await createTestTenant();
    const accountId = await onboard(seller);
    // Stripe disables the capability while requirements are due and says so with account.updated.
    expect((await accountUpdated(seller, accountId, 'inactive')).body.outcome).toBe('processed');

    const { buyerOrderId, transfer } = await settledOrderOf(seller, 5_000);
    expect(transfer).toMatchObject({
      status: 'held',
      amount: 4_500,
      providerTransferId: null,
      lastError: expect.stringMatching(/cannot receive transfers yet/),
    });
    expect(await ledgerOf(buyerOrderId)).toEqual([
      ['charge', 5_000],
      ['commission', 500],
      ['hold', 4_500],
    ]);
    expect((await app.sweeper.sweep()).transfers).toBe(0);
    // Operators see held shares on /metrics (alert MarketplacePayoutsHeldGrowing).
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(
      Number(/^payments_transfers\{[^}]*state="held"[^}]*\} (\d+)$/m.exec(metrics)?.[1]),
    ).toBeGreaterThanOrEqual(1);

    // A forged notification (other secret) is refused and releases nothing.
    const forgedPayload = JSON.stringify({
      id: `evt_${ulid()}`,
      object: 'event',
      type: 'account.updated',
      data: {
        object: {
          id: accountId,
          capabilities: { transfers: 'active' },
          metadata: { tenantId: seller.tenantId },
        },
      },
    });
    const forged = await fetch(`${app.baseUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': new Stripe('sk_test_forger').webhooks.generateTestHeaderString({
          payload: forgedPayload,
          secret: 'whsec_not_ours',
        }),
      },
      body: forgedPayload,
    });
    expect(forged.status).toBe(400);
    expect(await ledgerOf(buyerOrderId)).toHaveLength(3);

    const eventId = `evt_${ulid()}`;
    expect((await accountUpdated(seller, accountId, 'active', eventId)).body.outcome).toBe('processed');
    expect(await ledgerOf(buyerOrderId)).toEqual([
      ['charge', 5_000],
      ['commission', 500],
      ['hold', 4_500],
      ['release', 4_500],
      ['transfer', 4_500],
    ]);
    const transfers = await app.count(
      sql`select count(*) as n from transfers where buyer_order_id = ${buyerOrderId} and status = 'created' and provider_transfer_id like 'tr_%'`,
    );
    expect(transfers).toBe(1);
    expect((await app.outboxEvents(buyerOrderId)).filter((e) => e.type === 'transfer.created')).toEqual([
      expect.objectContaining({
        tenantId: seller.tenantId,
        payload: expect.objectContaining({ amount: 4_500 }),
      }),
    ]);

    // Stripe redelivers the same event: nothing moves twice.
    expect((await accountUpdated(seller, accountId, 'active', eventId)).body.outcome).toBe('duplicate');
    expect(await ledgerOf(buyerOrderId)).toHaveLength(5);
  });

  it('holds the share of a suspended seller and releases it when the tenant is reactivated', async () => {
    const seller = await createTestTenant();
    await onboard(seller);
    await publish(
      TenantSuspended.create(
        {
          tenantId: seller.tenantId,
          reason: 'Unpaid fees',
          suspendedBy: null,
          suspendedAt: new Date().toISOString(),
        },
        { tenantId: seller.tenantId },
      ),
      seller.tenantId,
    );
    expect(await waitForStatus(seller.tenantId, 'suspended')).toBe('suspended');

    const { buyerOrderId, transfer } = await settledOrderOf(seller, 2_000);
    expect(transfer).toMatchObject({ status: 'held', lastError: 'The seller is suspended' });
    expect((await app.sweeper.sweep()).transfers).toBe(0);

    await publish(
      TenantReactivated.create(
        {
          tenantId: seller.tenantId,
          reactivatedBy: null,
          reactivatedAt: new Date(Date.now() + 1).toISOString(),
        },
        { tenantId: seller.tenantId },
      ),
      seller.tenantId,
    );
    expect(await waitForStatus(seller.tenantId, 'active')).toBe('active');
    expect((await app.sweeper.sweep()).transfers).toBe(1);
    expect(await ledgerOf(buyerOrderId)).toEqual([
      ['charge', 2_000],
      ['commission', 200],
      ['hold', 1_800],
      ['release', 1_800],
      ['transfer', 1_800],
    ]);
  });

  it('refuses payout onboarding to a tenant waiting for approval, and allows it once approved', async () => {
    const seller = await createTestTenant();
    await publish(
      TenantRegistered.create(
        {
          tenantId: seller.tenantId,
          name: 'Pending Seller',
          alias: `pending-${ulid().toLowerCase()}`,
          status: 'pending',
          commissionBps: 1_000,
          defaultCurrency: 'EUR',
          contactEmail: 'pending@example.test',
          ownerUserId: seller.owner.userId,
          registeredAt: new Date().toISOString(),
        },
        { tenantId: seller.tenantId },
      ),
      seller.tenantId,
    );
    expect(await waitForStatus(seller.tenantId, 'pending')).toBe('pending');
    const refused = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, seller.owner.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/awaiting approval/);
    expect(
      await app.count(sql`select count(*) as n from payout_accounts where tenant_id = ${seller.tenantId}`),
    ).toBe(0);

    await publish(
      TenantActivated.create(
        { tenantId: seller.tenantId, activatedBy: null, activatedAt: new Date(Date.now() + 1).toISOString() },
        { tenantId: seller.tenantId },
      ),
      seller.tenantId,
    );
    expect(await waitForStatus(seller.tenantId, 'active')).toBe('active');
    expect(await onboard(seller)).toMatch(/^acct_/);
  });
});
