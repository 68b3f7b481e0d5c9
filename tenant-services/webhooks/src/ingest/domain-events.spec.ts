import { PayoutFailed, PayoutPaid, ReviewPublished } from '@marketplace/contracts';
import type { MySqlDb } from '@marketplace/tenancy';
import { translatePayoutFailed, translatePayoutPaid, translateReviewPublished } from './domain-events';

describe('webhook events from the reviews service', () => {
  it('tells the reviewed product’s seller, and only that seller, with the review’s id as the resource', async () => {
    const tenantId = '3f0b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const event = ReviewPublished.create({
      reviewId: '01KBREVIEW00000000000000001',
      productId: '01KBPRODUCT0000000000000001',
      tenantId,
      buyerId: '01KBBUYER000000000000000001',
      sellerOrderId: '01KBORDER000000000000000001',
      rating: 2,
      at: '2026-12-02T06:00:00.000Z',
    }).envelope;

    const drafts = await translateReviewPublished(event, {} as MySqlDb);

    expect(drafts).toEqual([
      {
        tenantId,
        topic: 'review.created',
        resourceKey: 'review:01KBREVIEW00000000000000001',
        occurredAt: event.occurredAt,
        data: {
          id: '01KBREVIEW00000000000000001',
          productId: '01KBPRODUCT0000000000000001',
          orderId: '01KBORDER000000000000000001',
          rating: 2,
          createdAt: '2026-12-02T06:00:00.000Z',
        },
      },
    ]);
    // The buyer's identity stays with the platform; sellers see the order it came from.
    expect(JSON.stringify(drafts)).not.toContain('01KBBUYER');
  });
});

describe('webhook events from payouts', () => {
  const tenantId = '3f0b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
  const fields = { payoutId: 'po_1', tenantId, amount: 9_000, currency: 'EUR', arrivalDate: '2026-12-04' };

  it('tells the seller its payout was paid, one resource per payout', async () => {
    const event = PayoutPaid.create({ ...fields, paidAt: '2026-12-04T06:00:00.000Z' }, { tenantId }).envelope;
    expect(await translatePayoutPaid(event, {} as MySqlDb)).toEqual([
      {
        tenantId,
        topic: 'payout.paid',
        resourceKey: 'payout:po_1',
        occurredAt: event.occurredAt,
        data: {
          id: 'po_1',
          status: 'paid',
          amount: 9_000,
          currency: 'EUR',
          arrivalDate: '2026-12-04',
          paidAt: '2026-12-04T06:00:00.000Z',
        },
      },
    ]);
  });

  it('tells the seller why a payout failed', async () => {
    const event = PayoutFailed.create(
      {
        ...fields,
        failureCode: 'account_closed',
        failureMessage: 'The bank account has been closed.',
        failedAt: '2026-12-04T06:00:00.000Z',
      },
      { tenantId },
    ).envelope;
    const [draft] = await translatePayoutFailed(event, {} as MySqlDb);
    expect(draft).toMatchObject({
      tenantId,
      topic: 'payout.failed',
      resourceKey: 'payout:po_1',
      data: { id: 'po_1', status: 'failed', failureCode: 'account_closed' },
    });
  });
});
