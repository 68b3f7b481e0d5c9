import { createTestAdmin, createTestTenant, errorCode, type TestTenant } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  ONBOARDING_LINKS,
  settledOrder,
  START_ONBOARDING,
  startPaymentsApp,
  type PaymentsTestApp,
} from './support';

const BALANCES = `{ payoutBalances { currency balance held available disputed heldFunds { reason code amount count } } }`;
const ACCOUNT = `{ payoutAccount { accountId payoutsEnabled detailsSubmitted requirementsDue transfersEnabled } }`;

/**
 * The seller's own balance and held funds with their reasons, and the payout account's due requirements: the
 * owner sees its own figures only, staff are refused as for every payout read. Stripe adapter against
 * stripe-mock, real MariaDB and Keycloak.
 */
describe('payments: the seller’s own balance, held funds and payout requirements (stripe-mock)', () => {
  let app: PaymentsTestApp;
  let unpaid: TestTenant;
  let verifying: TestTenant;
  let quiet: TestTenant;

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_balance' });
    [unpaid, verifying, quiet] = await Promise.all([
      createTestTenant({ staff: true }),
      createTestTenant(),
      createTestTenant(),
    ]);
  });
  afterAll(() => app.close());

  const settled = async (seller: TestTenant, subtotal: number) =>
    (await settledOrder(app, [{ tenantId: seller.tenantId, subtotal }])).transfers[0]!;

  it('shows the owner its balance and what is held and why, and nothing of other sellers', async () => {
    expect((await app.gql(BALANCES, {}, unpaid.owner.token)).data!.payoutBalances).toEqual([]);
    expect(await settled(unpaid, 5_000)).toMatchObject({ status: 'held', amount: 4_500 });
    expect(await settled(unpaid, 2_000)).toMatchObject({ status: 'held', amount: 1_800 });

    expect((await app.gql(BALANCES, {}, unpaid.owner.token)).data!.payoutBalances).toEqual([
      {
        currency: 'EUR',
        balance: 6_300,
        held: 6_300,
        available: 0,
        disputed: 0,
        heldFunds: [
          {
            reason: 'The seller has no payout account yet',
            code: 'NO_PAYOUT_ACCOUNT',
            amount: 6_300,
            count: 2,
          },
        ],
      },
    ]);
    // Another seller sees only its own (none), whatever the first one holds.
    expect((await app.gql(BALANCES, {}, quiet.owner.token)).data!.payoutBalances).toEqual([]);
  });

  it('refuses staff and callers without a tenant, as for every payout read', async () => {
    expect(errorCode(await app.gql(BALANCES, {}, unpaid.staff!.token))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(ACCOUNT, {}, unpaid.staff!.token))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(BALANCES, {}))).toBe('UNAUTHENTICATED');
  });

  it('refuses a platform admin (no tenant) and keeps answering afterwards', async () => {
    // The admin may read payouts but has no balance of its own; the refusal once crashed the service.
    const admin = await createTestAdmin();
    expect(errorCode(await app.gql(BALANCES, {}, admin.token))).toBe('FORBIDDEN');
    expect((await app.gql(BALANCES, {}, quiet.owner.token)).data!.payoutBalances).toEqual([]);
  });

  it("lists the payout account's due requirements until transfers are enabled", async () => {
    const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, verifying.owner.token);
    expect(started.errors).toBeUndefined();
    const accountId = started.data!.startPayoutOnboarding.account.accountId as string;
    const updated = (transfers: string, requirements: { currently_due: string[]; past_due: string[] }) =>
      app.webhook({
        id: `evt_${ulid()}`,
        type: 'account.updated',
        object: {
          id: accountId,
          object: 'account',
          charges_enabled: transfers === 'active',
          payouts_enabled: transfers === 'active',
          details_submitted: true,
          capabilities: { transfers },
          requirements,
          metadata: { tenantId: verifying.tenantId },
        },
      });

    expect(
      (await updated('inactive', { currently_due: ['external_account'], past_due: ['individual.id_number'] }))
        .body.outcome,
    ).toBe('processed');
    expect((await app.gql(ACCOUNT, {}, verifying.owner.token)).data!.payoutAccount).toMatchObject({
      accountId,
      requirementsDue: ['individual.id_number', 'external_account'],
      transfersEnabled: false,
    });
    const held = await settled(verifying, 3_000);
    expect(held).toMatchObject({ status: 'held' });
    expect((await app.gql(BALANCES, {}, verifying.owner.token)).data!.payoutBalances).toEqual([
      expect.objectContaining({
        held: 2_700,
        available: 0,
        heldFunds: [
          {
            reason: expect.stringMatching(/cannot receive transfers yet/),
            code: 'VERIFICATION_PENDING',
            amount: 2_700,
            count: 1,
          },
        ],
      }),
    ]);

    expect((await updated('active', { currently_due: [], past_due: [] })).body.outcome).toBe('processed');
    expect((await app.gql(ACCOUNT, {}, verifying.owner.token)).data!.payoutAccount).toMatchObject({
      requirementsDue: [],
      transfersEnabled: true,
    });
    // Released and transferred: nothing is owed or held any more.
    expect((await app.gql(BALANCES, {}, verifying.owner.token)).data!.payoutBalances).toEqual([
      { currency: 'EUR', balance: 0, held: 0, available: 0, disputed: 0, heldFunds: [] },
    ]);
  });
});
