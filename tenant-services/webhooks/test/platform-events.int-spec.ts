import {
  BOOT_TIMEOUT_MS,
  dataOf,
  Marketplace,
  postProviderWebhook,
  startPlatform,
  type RunningPlatform,
} from '@marketplace/e2e';
import { createTestAdmin, waitFor } from '@marketplace/testing';
import { ulid } from 'ulid';
import { Receiver, verifies, type Received } from './receiver';
import { createEndpoint, startWebhooksApp, type WebhooksTestApp } from './support';

const TOPICS = [
  'product.created',
  'product.updated',
  'product.deleted',
  'stock.low',
  'order.created',
  'order.paid',
  'order.cancelled',
  'order.shipped',
  'refund.created',
  'refund.succeeded',
  'payout.paid',
  'payout.failed',
  'review.created',
];

/**
 * The acceptance proof: a seller's real product changes, a real checkout (catalog, cart, inventory, orders,
 * payments behind the gateway), the buyer's review of the delivered order (the reviews service), a declined
 * checkout, a refund and the payouts Stripe reports for the seller's connected account (signed Connect webhooks to
 * the real payments service) reach the seller's local receiver as signed webhooks.
 */
describe('webhooks: events raised by real product changes, checkout, shipping, a review and refund', () => {
  let platform: RunningPlatform;
  let webhooks: WebhooksTestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    platform = await startPlatform({ reviews: true });
    [webhooks, receiver] = await Promise.all([startWebhooksApp(), Receiver.start()]);
  }, 2 * BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await receiver?.stop();
    await webhooks?.close();
    await platform?.close();
  }, BOOT_TIMEOUT_MS);

  it('delivers every topic, each verified with the endpoint secret, in order per order and per product', async () => {
    const market = new Marketplace(platform);
    const seller = await market.seller();
    const endpoint = await createEndpoint(webhooks.gql, seller.owner.token, receiver.url, TOPICS);

    const product = await market.product(seller, 2_500, 5);
    dataOf(
      await platform.gql(
        'mutation($input: SetLowStockThresholdInput!) { setLowStockThreshold(input: $input) { sku threshold } }',
        { input: { sku: product.sku, threshold: 3 } },
        seller.owner.token,
      ),
      'setLowStockThreshold',
    );
    const [buyer] = await market.buyers(1);
    await market.fillCart(buyer!.token, [[product, 3]]);
    const order = dataOf(await market.checkout(buyer!.token), 'checkout').checkout;
    expect(order.status).toBe('paid');
    const sellerOrderId = order.sellerOrders[0]!.id;
    dataOf(
      await platform.gql(
        'mutation($id: ID!) { markShipped(id: $id, carrier: "DHL", trackingNumber: "00340434161234567890") { id status } }',
        { id: sellerOrderId },
        seller.owner.token,
      ),
      'markShipped',
    );
    dataOf(
      await platform.gql(
        'mutation($id: ID!) { markDelivered(id: $id) { id status } }',
        { id: sellerOrderId },
        seller.owner.token,
      ),
      'markDelivered',
    );
    // The reviews service learns of the delivery from the orders service's events.
    await waitFor('the delivered order reviewable', async () => {
      const lines = dataOf(
        await platform.gql<{ reviewablePurchases: { canReview: boolean }[] }>(
          'query($ids: [ID!]!) { reviewablePurchases(sellerOrderIds: $ids) { canReview } }',
          { ids: [sellerOrderId] },
          buyer!.token,
        ),
        'reviewablePurchases',
      ).reviewablePurchases;
      return lines.length === 1 && lines[0]!.canReview;
    });
    const review = dataOf(
      await platform.gql<{ createReview: { id: string } }>(
        'mutation($input: CreateReviewInput!) { createReview(input: $input) { id } }',
        {
          input: {
            sellerOrderId,
            productId: product.productId,
            rating: 4,
            title: 'Sturdy',
            text: 'Arrived well packed.',
          },
        },
        buyer!.token,
      ),
      'createReview',
    ).createReview;
    const admin = await createTestAdmin();
    dataOf(
      await platform.gql(
        'mutation($input: AdminRefundInput!) { refundSellerOrder(input: $input) { id } }',
        { input: { sellerOrderId, amount: 500, reason: 'damaged in transit', idempotencyKey: ulid() } },
        admin.token,
      ),
      'refundSellerOrder',
    );
    const account = dataOf(
      await platform.gql<{ payoutAccount: { accountId: string } }>(
        '{ payoutAccount { accountId } }',
        {},
        seller.owner.token,
      ),
      'payoutAccount',
    ).payoutAccount.accountId;
    const payout = (id: string) => ({
      id,
      object: 'payout',
      amount: 6_700,
      currency: 'eur',
      arrival_date: Date.UTC(2026, 11, 4) / 1000,
    });
    const paidPayout = `po_${ulid()}`;
    const failedPayout = `po_${ulid()}`;
    expect(
      await postProviderWebhook(platform.urls.payments, {
        type: 'payout.paid',
        account,
        object: { ...payout(paidPayout), status: 'paid' },
      }),
    ).toBe(200);
    expect(
      await postProviderWebhook(platform.urls.payments, {
        type: 'payout.failed',
        account,
        object: {
          ...payout(failedPayout),
          status: 'failed',
          failure_code: 'account_closed',
          failure_message: 'The bank account has been closed.',
        },
      }),
    ).toBe(200);
    // 2 × 10.01 = 20.02 EUR: the built-in test provider declines amounts ending in 02, so the saga cancels.
    const declinedProduct = await market.product(seller, 1_001, 5);
    const [decliner] = await market.buyers(1);
    await market.fillCart(decliner!.token, [[declinedProduct, 2]]);
    const declined = dataOf(await market.checkout(decliner!.token), 'checkout').checkout;
    expect(declined.status).toBe('cancelled');
    const cancelledOrderId = declined.sellerOrders[0]!.id;
    const other = await market.product(seller, 900, 1);
    // The catalog may still be applying the new product's stock level: a CONFLICT asks the client to retry.
    const deleteOther = () =>
      platform.gql(
        'mutation($id: ID!) { deleteProduct(id: $id) }',
        { id: other.productId },
        seller.owner.token,
      );
    let deleted = await deleteOther();
    for (let retry = 0; retry < 5 && deleted.errors?.[0]?.extensions?.code === 'CONFLICT'; retry += 1)
      deleted = await deleteOther();
    dataOf(deleted, 'deleteProduct');

    const topicsSeen = () => new Set(receiver.acknowledged.map((entry) => entry.type));
    await waitFor('a delivery of every topic', () => TOPICS.every((topic) => topicsSeen().has(topic)), {
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    for (const delivery of receiver.acknowledged) expect(verifies(endpoint.secret, delivery)).toBe(true);
    expect(new Set(receiver.acknowledged.map((entry) => entry.id)).size).toBe(receiver.acknowledged.length);

    const typesOf = (entries: Received[]) => entries.map((entry) => entry.type);
    expect(typesOf(receiver.of(sellerOrderId))).toEqual(['order.created', 'order.paid', 'order.shipped']);
    const refund = receiver.acknowledged.find((entry) => entry.type === 'refund.created')!;
    expect(refund.data).toMatchObject({
      orderId: sellerOrderId,
      amount: 500,
      currency: 'EUR',
      wholeOrder: false,
    });
    expect(typesOf(receiver.of(cancelledOrderId))).toEqual(['order.created', 'order.cancelled']);
    const refundId = (refund.data as { id: string }).id;
    expect(typesOf(receiver.of(refundId))).toEqual(['refund.created', 'refund.succeeded']);
    expect(receiver.of(refundId)[1]!.data).toMatchObject({ orderId: sellerOrderId, amount: 500 });
    expect(receiver.of(paidPayout).map((entry) => entry.data)).toEqual([
      {
        id: paidPayout,
        status: 'paid',
        amount: 6_700,
        currency: 'EUR',
        arrivalDate: '2026-12-04',
        paidAt: expect.any(String),
      },
    ]);
    expect(receiver.of(failedPayout).map((entry) => entry.data)).toEqual([
      expect.objectContaining({ status: 'failed', failureCode: 'account_closed' }),
    ]);
    expect(receiver.of(review.id).map((entry) => entry.data)).toEqual([
      {
        id: review.id,
        productId: product.productId,
        orderId: sellerOrderId,
        rating: 4,
        createdAt: expect.any(String),
      },
    ]);
    expect(typesOf(receiver.of(product.productId))[0]).toBe('product.created');
    expect(receiver.acknowledged.find((entry) => entry.type === 'stock.low')!.data).toMatchObject({
      sku: product.sku,
      available: 2,
      threshold: 3,
    });
    expect(typesOf(receiver.of(other.productId)).at(-1)).toBe('product.deleted');
    const paid = receiver.of(sellerOrderId).find((entry) => entry.type === 'order.paid')!;
    expect(paid.data).toMatchObject({
      subtotal: 7_500,
      currency: 'EUR',
      lines: [{ sku: product.sku, quantity: 3 }],
    });
  }, 240_000);
});
