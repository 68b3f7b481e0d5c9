import {
  createRoleIdentities,
  createTestTenant,
  errorCode,
  type RoleIdentities,
  type TestTenant,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  ONBOARDING_LINKS,
  settledOrder,
  START_ONBOARDING,
  startPaymentsApp,
  type PaymentsTestApp,
} from './support';

const ISSUES = `query($kind: PayoutIssueKind!, $sellerId: ID, $first: Int, $after: String) {
  payoutIssues(kind: $kind, sellerId: $sellerId, first: $first, after: $after) {
    nodes { id seller { id } sellerOrderId amount currency status attempts lastError }
    pageInfo { hasNextPage endCursor }
  }
}`;
const HELD = `query($sellerId: ID) { heldFunds(sellerId: $sellerId) { currency amount transfers } }`;
const RETRY = `mutation($id: ID!, $reason: String) { retryTransfer(id: $id, reason: $reason) { id status attempts lastError } }`;

/**
 * Held funds and failed transfers across sellers, and the admin's retry, on the real payments service (built-in
 * test provider: amounts ending in 02 are refused), MariaDB, Kafka and Keycloak tokens; the database is its own.
 */
describe('payments: admin payouts (held funds, failed transfers, retry)', () => {
  let app: PaymentsTestApp;
  let roles: RoleIdentities;
  let unpaid: TestTenant;
  let refused: TestTenant;

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'test' });
    [roles, unpaid, refused] = await Promise.all([
      createRoleIdentities(),
      createTestTenant(),
      createTestTenant(),
    ]);
    await onboard(refused);
  });
  afterAll(() => app.close());

  async function onboard(seller: TestTenant): Promise<void> {
    const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, seller.owner.token);
    expect(started.errors).toBeUndefined();
  }

  const settled = async (seller: TestTenant, subtotal: number) =>
    (await settledOrder(app, [{ tenantId: seller.tenantId, subtotal }])).transfers[0]!;

  const admin = (query: string, variables: Record<string, unknown>) =>
    app.gql(query, variables, roles.admin.token);

  it('lists held and failed transfers, retries them, and records each retry with its reason', async () => {
    const held = await settled(unpaid, 5_000);
    expect(held).toMatchObject({ status: 'held', amount: 4_500 });
    // 10 % of 10 002 is 1 000: the share, 9 002, is refused by the test provider.
    const failed = await settled(refused, 10_002);
    expect(failed).toMatchObject({ status: 'pending', amount: 9_002 });

    expect(
      (await admin(ISSUES, { kind: 'HELD', sellerId: unpaid.tenantId })).data!.payoutIssues.nodes,
    ).toEqual([
      {
        id: held.id,
        seller: { id: unpaid.tenantId },
        sellerOrderId: held.sellerOrderId,
        amount: 4_500,
        currency: 'EUR',
        status: 'held',
        attempts: 0,
        lastError: 'The seller has no payout account yet',
      },
    ]);
    const failures = (await admin(ISSUES, { kind: 'FAILED' })).data!.payoutIssues.nodes;
    expect(failures).toEqual([
      expect.objectContaining({
        id: failed.id,
        seller: { id: refused.tenantId },
        status: 'pending',
        lastError: 'Insufficient platform balance for the transfer.',
      }),
    ]);
    expect((await admin(HELD, { sellerId: unpaid.tenantId })).data!.heldFunds).toEqual([
      { currency: 'EUR', amount: 4_500, transfers: 1 },
    ]);

    // Still no payout account: the retry keeps it held.
    expect(
      (await admin(RETRY, { id: held.id, reason: 'Seller says KYC is done' })).data!.retryTransfer,
    ).toMatchObject({
      status: 'held',
    });
    await onboard(unpaid);
    expect(
      (await admin(RETRY, { id: held.id, reason: 'Payout account now active' })).data!.retryTransfer,
    ).toMatchObject({
      status: 'created',
      lastError: null,
    });
    expect((await admin(HELD, { sellerId: unpaid.tenantId })).data!.heldFunds).toEqual([]);
    expect(errorCode(await admin(RETRY, { id: held.id }))).toBe('CONFLICT');
    // The provider still refuses the amount: one more attempt, still pending.
    expect((await admin(RETRY, { id: failed.id })).data!.retryTransfer).toMatchObject({
      status: 'pending',
      attempts: failed.attempts + 1,
    });

    const retries = (await app.outboxEvents(unpaid.tenantId))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload)
      .filter((entry) => entry.action === 'transfer.retry');
    expect(retries).toEqual([
      expect.objectContaining({
        actorId: roles.admin.userId,
        service: 'payments',
        tenantId: unpaid.tenantId,
        targetType: 'transfer',
        targetId: held.id,
        before: expect.objectContaining({ status: 'held' }),
        after: expect.objectContaining({ status: 'held' }),
        reason: 'Seller says KYC is done',
        read: false,
      }),
      expect.objectContaining({
        before: expect.objectContaining({ status: 'held' }),
        after: expect.objectContaining({ status: 'created', lastError: null }),
        reason: 'Payout account now active',
      }),
    ]);
  });

  it('refuses sellers, staff, API clients and buyers every payout operation, and malformed ids', async () => {
    for (const token of [
      roles.tenant.owner.token,
      roles.tenant.staff.token,
      roles.apiClient.token,
      roles.buyer.token,
      unpaid.owner.token,
    ]) {
      expect(errorCode(await app.gql(ISSUES, { kind: 'HELD' }, token))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(HELD, {}, token))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(RETRY, { id: ulid() }, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await admin(RETRY, { id: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await admin(RETRY, { id: ulid() }))).toBe('NOT_FOUND');
    expect(errorCode(await admin(ISSUES, { kind: 'HELD', sellerId: 'nope' }))).toBe('BAD_USER_INPUT');
  });
});
