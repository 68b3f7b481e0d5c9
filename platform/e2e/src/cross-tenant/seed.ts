import {
  createTestAdmin,
  createTestApiClient,
  createTestBuyer,
  passwordToken,
  waitFor,
  type TestApiClient,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { dataOf } from '../graphql-client';
import { Marketplace, type Seller } from '../marketplace';
import type { RunningPlatform } from '../platform';

/** Tenant A's records of every kind a seller owns, created through the gateway as its owner, buyer and client. */
export interface SeededTenant {
  tenantId: string;
  productId: string;
  sku: string;
  variantId: string;
  importId: string;
  locationId: string;
  locationCode: string;
  buyerOrderId: string;
  sellerOrderId: string;
  refundRequestId: string;
  transferId: string;
  mediaId: string;
  reviewId: string;
  endpointId: string;
  apiClientId: string;
  invitationId: string;
  invitedEmail: string;
  /** A's owner: a member of A that B's owner must not be able to remove. */
  ownerUserId: string;
}

export interface CrossTenantParties {
  a: Seller;
  b: Seller;
  /** The buyer of A's order (owns the buyer order and the review). */
  buyer: TestUser;
  /** API clients (client credentials) of A and B, for the REST routes. */
  clientA: TestApiClient;
  clientB: TestApiClient;
  seeded: SeededTenant;
}

/** REST through the gateway; the answer's body parsed when it is JSON. */
export async function restCall(
  gatewayUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': contentType } : {}),
      // Every POST of the API accepts one; a repeat of this call would be a new attempt.
      ...(method === 'POST' ? { 'idempotency-key': ulid() } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // a CSV or plain-text answer stays text
  }
  return { status: response.status, body: parsed };
}

const field = <T>(value: unknown, path: string): T => {
  let current = value;
  for (const key of path.split('.')) current = (current as Record<string, unknown> | undefined)?.[key];
  if (current === undefined || current === null) throw new Error(`no ${path} in ${JSON.stringify(value)}`);
  return current as T;
};

/**
 * A seller as one signs up on the platform: a user signs up an organization through the tenants service, an
 * admin approves it, the owner signs in again (the token now names the organization) and starts payouts.
 */
async function signedUpSeller(platform: RunningPlatform, adminToken: string): Promise<Seller> {
  const owner = await createTestBuyer();
  const alias = `shop-${ulid().toLowerCase()}`;
  const name = `Shop ${alias}`;
  const signedUp = dataOf(
    await platform.gql<{ signUpSeller: { tenant: { id: string } } }>(
      'mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { tenant { id } } }',
      { input: { name, alias } },
      owner.token,
    ),
    'signUpSeller',
  );
  const tenantId = signedUp.signUpSeller.tenant.id;
  dataOf(
    await platform.gql(
      'mutation($id: ID!) { approveTenant(id: $id) { status } }',
      { id: tenantId },
      adminToken,
    ),
    'approveTenant',
  );
  const seller = { tenantId, alias, name, owner: { ...owner, token: await passwordToken(owner.email) } };
  const startPayouts = () =>
    platform.gql(
      'mutation($input: StartPayoutOnboardingInput!) { startPayoutOnboarding(input: $input) { account { accountId } } }',
      {
        input: {
          returnUrl: 'https://seller.example.test/done',
          refreshUrl: 'https://seller.example.test/retry',
        },
      },
      seller.owner.token,
    );
  // Payments learns of the approval from the tenant's status event; until then it refuses as for a pending seller.
  const started = await waitFor('payments to learn of the approval', async () => {
    const answer = await startPayouts();
    return answer.errors?.[0]?.extensions?.code === 'FORBIDDEN' ? undefined : answer;
  });
  dataOf(started, 'startPayoutOnboarding');
  return seller;
}

/**
 * Two fresh sellers; A gets a product with a variant and stock, a location and a low-stock threshold, a CSV
 * import, a paid and delivered order with a buyer's review (replied to) and refund request, a payout transfer,
 * an uploaded image, a webhook endpoint, an API client and a pending staff invitation.
 */
export async function seedCrossTenantParties(platform: RunningPlatform): Promise<CrossTenantParties> {
  const market = new Marketplace(platform);
  const admin = await createTestAdmin();
  const [a, b, buyer] = await Promise.all([
    signedUpSeller(platform, admin.token),
    signedUpSeller(platform, admin.token),
    createTestBuyer(),
  ]);
  const [clientA, clientB] = await Promise.all([
    createTestApiClient(a.tenantId),
    createTestApiClient(b.tenantId),
  ]);
  const asA = async <T>(query: string, variables: Record<string, unknown>, what: string) =>
    dataOf(await platform.gql<T>(query, variables, a.owner.token), what);
  const product = await market.product(a, 1_500, 20);
  const locationCode = `loc-${ulid().toLowerCase()}`;
  const invitedEmail = `invited-${ulid().toLowerCase()}@test.example.com`;

  const order = async () => {
    await market.fillCart(buyer.token, [[product, 2]]);
    const placed = dataOf(await market.checkout(buyer.token), 'checkout').checkout;
    const sellerOrderId = placed.sellerOrders[0]!.id;
    for (const mutation of [
      'markFulfilled(id: $id)',
      'markShipped(id: $id, carrier: "DHL", trackingNumber: "T1")',
      'markDelivered(id: $id)',
    ])
      await asA(`mutation($id: ID!) { ${mutation} { id } }`, { id: sellerOrderId }, mutation);
    await waitFor(
      'the delivered order to be reviewable',
      async () =>
        (
          await platform.gql<{ reviewablePurchases: { canReview: boolean }[] }>(
            'query($ids: [ID!]!) { reviewablePurchases(sellerOrderIds: $ids) { canReview } }',
            { ids: [sellerOrderId] },
            buyer.token,
          )
        ).data?.reviewablePurchases[0]?.canReview,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const review = dataOf(
      await platform.gql<{ createReview: { id: string } }>(
        'mutation($input: CreateReviewInput!) { createReview(input: $input) { id } }',
        {
          input: {
            sellerOrderId,
            productId: product.productId,
            rating: 4,
            title: 'Good',
            text: 'Works well.',
          },
        },
        buyer.token,
      ),
      'createReview',
    ).createReview;
    await asA(
      'mutation($id: ID!) { replyToReview(id: $id, text: "Thanks!") { id } }',
      { id: review.id },
      'reply',
    );
    const refund = dataOf(
      await platform.gql<{ requestRefund: { id: string } }>(
        'mutation($input: RequestRefundInput!) { requestRefund(input: $input) { id } }',
        {
          input: {
            sellerOrderId,
            lines: [{ sku: product.sku, quantity: 1 }],
            reason: 'Changed my mind',
            idempotencyKey: ulid(),
          },
        },
        buyer.token,
      ),
      'requestRefund',
    ).requestRefund;
    const transfer = await waitFor('the seller’s payout transfer', async () => {
      const transfers = await platform.gql<{ payoutTransfers: { nodes: { id: string }[] } }>(
        '{ payoutTransfers(first: 5) { nodes { id } } }',
        {},
        a.owner.token,
      );
      return transfers.data?.payoutTransfers.nodes[0]?.id;
    });
    return {
      buyerOrderId: placed.id,
      sellerOrderId,
      reviewId: review.id,
      refundRequestId: refund.id,
      transferId: transfer,
    };
  };

  const gateway = platform.urls.gateway;
  const [ordered, location, upload, endpoint, apiClient, invitation, imported, variants] = await Promise.all([
    order(),
    asA<{ createStockLocation: { id: string } }>(
      'mutation($input: CreateLocationInput!) { createStockLocation(input: $input) { id } }',
      { input: { code: locationCode, name: 'Back room' } },
      'createStockLocation',
    ),
    asA<{ createUpload: { mediaId: string } }>(
      'mutation($input: CreateUploadInput!) { createUpload(input: $input) { mediaId } }',
      {
        input: { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes: 2048, filename: 'shirt.png' },
      },
      'createUpload',
    ),
    asA<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
      // A topic nothing in this suite raises: no delivery attempts accrue (retries) while A's view is compared.
      { input: { url: 'http://127.0.0.1:9/hooks', topics: ['payout.paid'] } },
      'createWebhookEndpoint',
    ),
    asA<{ createApiClient: { apiClient: { id: string } } }>(
      'mutation { createApiClient(name: "shop sync") { apiClient { id } } }',
      {},
      'createApiClient',
    ),
    asA<{ inviteStaff: { id: string } }>(
      'mutation($email: String!) { inviteStaff(email: $email) { id } }',
      { email: invitedEmail },
      'inviteStaff',
    ),
    restCall(
      gateway,
      'POST',
      '/api/v1/catalog/products/import',
      clientA.token,
      `title,currency,sku,price_minor\nImported item,EUR,IMP-${ulid()},900\n`,
      'text/csv',
    ),
    restCall(gateway, 'GET', `/api/v1/catalog/products/${product.productId}/variants`, clientA.token),
    asA(
      'mutation($input: SetLowStockThresholdInput!) { setLowStockThreshold(input: $input) { sku } }',
      { input: { sku: product.sku, threshold: 3 } },
      'setLowStockThreshold',
    ),
  ]);

  return {
    a,
    b,
    buyer,
    clientA,
    clientB,
    seeded: {
      tenantId: a.tenantId,
      productId: product.productId,
      sku: product.sku,
      variantId: field<string>(variants.body, 'data.0.id'),
      importId: field<string>(imported.body, 'id'),
      locationId: location.createStockLocation.id,
      locationCode,
      ...ordered,
      mediaId: upload.createUpload.mediaId,
      endpointId: endpoint.createWebhookEndpoint.endpoint.id,
      apiClientId: apiClient.createApiClient.apiClient.id,
      invitationId: invitation.inviteStaff.id,
      invitedEmail,
      ownerUserId: a.owner.userId,
    },
  };
}
