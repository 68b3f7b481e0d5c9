import { describeTenantIsolation } from '@marketplace/testing';
import { ONBOARDING_LINKS, START_ONBOARDING, startPaymentsApp } from './support';

const PAYOUT_ACCOUNT = '{ payoutAccount { accountId payoutsEnabled chargesEnabled } }';

// Payout operations take no ids: the tenant is the token's. Another tenant's token must never reach this one's.
describeTenantIsolation<{ accountId: string }>({
  service: 'payments',
  async start() {
    const app = await startPaymentsApp({ PAYMENT_PROVIDER: 'test' });
    return { gql: app.gql, close: () => app.close() };
  },
  async seed(gql, owner) {
    const started = await gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, owner.token);
    return { accountId: started.data!.startPayoutOnboarding.account.accountId as string };
  },
  ids: ({ accountId }) => [accountId],
  snapshot: async (gql, owner) => (await gql(PAYOUT_ACCOUNT, {}, owner.token)).data,
  operations: [
    { name: 'payoutAccount', query: PAYOUT_ACCOUNT, expect: 'hidden' },
    {
      name: 'payoutTransfers',
      query: '{ payoutTransfers(first: 100) { nodes { id sellerOrderId } } }',
      expect: 'hidden',
    },
    {
      name: 'startPayoutOnboarding',
      query: START_ONBOARDING,
      variables: () => ({ input: ONBOARDING_LINKS }),
      expect: 'hidden',
    },
  ],
});
