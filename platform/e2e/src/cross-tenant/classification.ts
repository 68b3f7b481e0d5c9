import { ulid } from 'ulid';
import type { Classification } from './graphql-operations';
import type { SeededTenant } from './seed';

const page = { first: 20 };
const buyerCart = 'the buyer’s own cart (buyer data, no tenant; the cart service’s suite isolates buyers)';
const publicData = 'public storefront data of every seller, by design';

/**
 * Every root field of the composed schema: how tenant B's owner calls it on tenant A's records and what must
 * come back. A field missing here fails the suite, so a new operation is classified before it ships.
 */
export const GRAPHQL_OPERATIONS: Record<string, Classification<SeededTenant>> = {
  // Catalog
  'Query.categories': { expect: 'not-tenant-scoped', reason: 'the platform’s category tree, shared by all' },
  'Query.products': { expect: 'not-tenant-scoped', reason: publicData },
  'Query.product': { expect: 'not-tenant-scoped', reason: publicData },
  'Query.productBySlug': { expect: 'not-tenant-scoped', reason: publicData },
  'Query.myProducts': { expect: 'hidden', variables: () => page },
  'Query.myProduct': { expect: 'refused', variables: (a) => ({ id: a.productId }) },
  'Query.productImport': { expect: 'refused', variables: (a) => ({ id: a.importId }) },
  'Query.searchIndexStatus': { expect: 'admin' },
  'Mutation.rebuildSearchIndex': { expect: 'admin' },
  'Mutation.createCategory': {
    expect: 'admin',
    variables: () => ({ input: { name: `Intruder ${ulid()}` } }),
  },
  'Mutation.createProduct': {
    expect: 'own',
    variables: (a) => ({
      input: {
        title: 'Same SKU as tenant A',
        currency: 'EUR',
        attributes: [],
        options: [],
        variants: [{ sku: a.sku, optionValues: [], priceMinor: 1 }],
      },
    }),
  },
  'Mutation.updateProduct': {
    expect: 'refused',
    variables: (a) => ({ id: a.productId, input: { title: 'Taken over' } }),
  },
  'Mutation.publishProduct': { expect: 'refused', variables: (a) => ({ id: a.productId }) },
  'Mutation.archiveProduct': { expect: 'refused', variables: (a) => ({ id: a.productId }) },
  'Mutation.deleteProduct': { expect: 'refused', variables: (a) => ({ id: a.productId }) },
  'Mutation.renameCategory': {
    expect: 'admin',
    variables: () => ({ input: { id: ulid(), name: 'Intruder' }, reason: 'intruder' }),
  },
  'Mutation.moveCategory': {
    expect: 'admin',
    variables: () => ({ id: ulid(), parentId: null, reason: 'intruder' }),
  },
  'Mutation.deleteCategory': { expect: 'admin', variables: () => ({ id: ulid(), reason: 'intruder' }) },
  'Query.adminProducts': { expect: 'admin', variables: (a) => ({ sellerId: a.tenantId, ...page }) },
  'Mutation.moderateProduct': {
    expect: 'admin',
    variables: (a) => ({ id: a.productId, moderation: 'REMOVED', reason: 'intruder' }),
  },
  'Query.adminProductCounts': { expect: 'admin', variables: (a) => ({ sellerId: a.tenantId }) },
  'Mutation.rejectProduct': { expect: 'admin', variables: (a) => ({ id: a.productId, reason: 'intruder' }) },
  // Inventory
  'Query.stockLevels': { expect: 'hidden', variables: (a) => ({ first: 20, sku: a.sku }) },
  'Query.stockAdjustments': { expect: 'hidden', variables: (a) => ({ sku: a.sku }) },
  'Query.stockLocations': { expect: 'hidden' },
  'Query.lowStock': { expect: 'hidden', variables: () => page },
  'Mutation.createStockLocation': {
    expect: 'own',
    variables: (a) => ({ input: { code: a.locationCode, name: 'Same code as tenant A' } }),
  },
  'Mutation.adjustStock': {
    expect: 'own',
    variables: (a) => ({ input: { sku: a.sku, delta: -5, reason: 'intruder' } }),
  },
  'Mutation.setStock': {
    expect: 'own',
    variables: (a) => ({ input: { sku: a.sku, onHand: 0, reason: 'intruder' } }),
  },
  'Mutation.setLowStockThreshold': {
    expect: 'own',
    variables: (a) => ({ input: { sku: a.sku, threshold: 999 } }),
  },
  // Media
  'Query.media': { expect: 'refused', variables: (a) => ({ id: a.mediaId }) },
  'Query.mediaList': { expect: 'hidden', variables: () => page },
  'Mutation.createUpload': {
    expect: 'own',
    variables: () => ({
      input: {
        purpose: 'PRODUCT_IMAGE',
        contentType: 'image/png',
        sizeBytes: 1024,
        filename: 'intruder.png',
      },
    }),
  },
  'Mutation.completeUpload': { expect: 'refused', variables: (a) => ({ mediaId: a.mediaId }) },
  'Mutation.deleteMedia': { expect: 'refused', variables: (a) => ({ id: a.mediaId }) },
  // Notifications: the caller's own feed (per user)
  'Query.notifications': { expect: 'hidden', variables: () => ({ first: 20, unreadOnly: false }) },
  'Query.unreadNotificationCount': { expect: 'hidden' },
  'Query.notificationPreferences': { expect: 'hidden' },
  'Mutation.markNotificationsRead': { expect: 'own', variables: (a) => ({ ids: [a.productId] }) },
  'Mutation.markAllNotificationsRead': { expect: 'own' },
  'Mutation.updateNotificationPreferences': {
    expect: 'own',
    variables: () => ({ input: { newOrders: false, lowStock: false, webhookFailures: false } }),
  },
  // Cart and checkout: the buyer's own
  'Query.cart': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.createAnonymousCart': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.addToCart': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.updateCartLine': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.removeCartLine': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.mergeCart': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.validateCart': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.removeOrderedLines': { expect: 'not-tenant-scoped', reason: buyerCart },
  'Mutation.checkout': {
    expect: 'not-tenant-scoped',
    reason: 'places the caller’s own cart as the caller’s order',
  },
  // Orders
  'Query.myOrders': { expect: 'hidden', variables: () => page },
  'Query.myOrder': { expect: 'refused', reader: 'buyer', variables: (a) => ({ id: a.buyerOrderId }) },
  'Query.sellerOrders': { expect: 'hidden', variables: () => page },
  'Query.sellerOrder': { expect: 'refused', variables: (a) => ({ id: a.sellerOrderId }) },
  'Query.sellerDashboard': { expect: 'hidden', variables: () => ({ days: 30 }) },
  'Query.myRefundRequests': { expect: 'hidden', variables: () => page },
  'Query.refundRequests': { expect: 'hidden', variables: () => page },
  'Query.orders': { expect: 'admin', variables: (a) => ({ first: 20, sellerId: a.tenantId }) },
  'Query.checkoutsNeedingAttention': { expect: 'admin', variables: () => page },
  'Query.salesOverview': { expect: 'admin', variables: (a) => ({ days: 30, sellerId: a.tenantId }) },
  'Query.commissionRules': { expect: 'admin' },
  'Query.commissionPreview': {
    expect: 'admin',
    variables: (a) => ({ input: { tenantId: a.tenantId, unitPrice: 1000, quantity: 1, currency: 'EUR' } }),
  },
  'Mutation.setCommissionRule': {
    expect: 'admin',
    variables: (a) => ({ input: { tenantId: a.tenantId, rateBps: 1 } }),
  },
  'Mutation.removeCommissionRule': { expect: 'admin', variables: (a) => ({ id: a.productId }) },
  'Mutation.retryCheckout': {
    expect: 'admin',
    variables: (a) => ({ id: a.buyerOrderId, reason: 'intruder' }),
  },
  'Mutation.refundSellerOrder': {
    expect: 'admin',
    variables: (a) => ({
      input: { sellerOrderId: a.sellerOrderId, amount: 1, reason: 'intruder', idempotencyKey: ulid() },
    }),
  },
  'Mutation.markFulfilled': { expect: 'refused', variables: (a) => ({ id: a.sellerOrderId }) },
  'Mutation.markShipped': {
    expect: 'refused',
    variables: (a) => ({ id: a.sellerOrderId, carrier: 'DHL', trackingNumber: 'INTRUDER1' }),
  },
  'Mutation.markDelivered': { expect: 'refused', variables: (a) => ({ id: a.sellerOrderId }) },
  'Mutation.requestRefund': {
    expect: 'refused',
    variables: (a) => ({
      input: {
        sellerOrderId: a.sellerOrderId,
        lines: [{ sku: a.sku, quantity: 1 }],
        reason: 'intruder',
        idempotencyKey: ulid(),
      },
    }),
  },
  'Mutation.acceptRefundRequest': { expect: 'refused', variables: (a) => ({ id: a.refundRequestId }) },
  'Mutation.declineRefundRequest': {
    expect: 'refused',
    variables: (a) => ({ id: a.refundRequestId, reason: 'intruder' }),
  },
  'Mutation.createRefund': {
    expect: 'refused',
    variables: (a) => ({
      input: { sellerOrderId: a.sellerOrderId, amount: 1, reason: 'intruder', idempotencyKey: ulid() },
    }),
  },
  // Payments
  'Query.payoutAccount': { expect: 'hidden' },
  'Query.payoutTransfers': { expect: 'hidden', variables: () => page },
  'Query.payoutBalances': { expect: 'hidden' },
  'Query.sellerLedger': { expect: 'hidden', variables: () => page },
  'Query.sellerStatements': {
    expect: 'hidden',
    variables: () => ({ month: new Date().toISOString().slice(0, 7) }),
  },
  'Query.disputes': { expect: 'admin', variables: () => page },
  'Query.payoutIssues': {
    expect: 'admin',
    variables: (a) => ({ kind: 'FAILED', first: 20, sellerId: a.tenantId }),
  },
  'Query.heldFunds': { expect: 'admin', variables: (a) => ({ sellerId: a.tenantId }) },
  'Mutation.startPayoutOnboarding': {
    expect: 'own',
    variables: () => ({
      input: {
        returnUrl: 'https://seller.example.test/done',
        refreshUrl: 'https://seller.example.test/retry',
      },
    }),
  },
  'Mutation.retryTransfer': { expect: 'admin', variables: (a) => ({ id: a.transferId, reason: 'intruder' }) },
  // Reviews
  'Query.review': { expect: 'not-tenant-scoped', reason: 'published reviews are public on product pages' },
  'Query.myReviews': { expect: 'hidden', variables: () => page },
  'Query.sellerReviews': { expect: 'hidden', variables: () => page },
  'Query.reviewablePurchases': {
    expect: 'hidden',
    variables: (a) => ({ sellerOrderIds: [a.sellerOrderId] }),
  },
  'Query.reportedReviews': { expect: 'admin', variables: () => page },
  'Mutation.createReview': {
    expect: 'refused',
    variables: (a) => ({
      input: {
        sellerOrderId: a.sellerOrderId,
        productId: a.productId,
        rating: 1,
        title: 'Intruder',
        text: 'Intruder',
      },
    }),
  },
  'Mutation.updateReview': {
    expect: 'refused',
    variables: (a) => ({ id: a.reviewId, input: { rating: 1, title: 'Intruder', text: 'Intruder' } }),
  },
  'Mutation.replyToReview': {
    expect: 'refused',
    variables: (a) => ({ id: a.reviewId, text: 'Intruder reply' }),
  },
  'Mutation.markReviewHelpful': {
    expect: 'not-tenant-scoped',
    reason: 'any signed-in shopper may vote on a published review; it names no tenant’s records to take over',
  },
  'Mutation.reportReview': {
    expect: 'not-tenant-scoped',
    reason:
      'any signed-in user may report a published review for moderation; it changes nothing of the seller’s',
  },
  'Mutation.removeReview': {
    expect: 'admin',
    variables: (a) => ({ id: a.reviewId, policy: 'UNRELATED_TO_PRODUCT', reason: 'intruder' }),
  },
  'Mutation.dismissReviewReports': { expect: 'admin', variables: (a) => ({ id: a.reviewId }) },
  // Tenants
  'Query.myTenant': { expect: 'hidden' },
  'Query.tenant': { expect: 'not-tenant-scoped', reason: 'a seller’s public storefront profile' },
  'Query.tenants': { expect: 'admin', variables: () => page },
  'Query.tenantAccount': { expect: 'admin', variables: (a) => ({ id: a.tenantId }) },
  'Query.staffInvitations': { expect: 'hidden' },
  'Query.teamMembers': { expect: 'hidden' },
  'Query.apiClients': { expect: 'hidden' },
  'Query.auditLog': { expect: 'admin', variables: (a) => ({ filter: { tenantId: a.tenantId }, first: 20 }) },
  'Query.auditLogCsv': { expect: 'admin', variables: (a) => ({ filter: { tenantId: a.tenantId } }) },
  'Query.sellerOverview': { expect: 'admin', variables: () => ({ days: 30 }) },
  'Mutation.signUpSeller': {
    expect: 'not-tenant-scoped',
    reason: 'creates a new organization for the caller; names no existing tenant',
  },
  'Mutation.updateMyTenant': { expect: 'own', variables: () => ({ settings: { name: 'Intruder renamed' } }) },
  'Mutation.approveTenant': { expect: 'admin', variables: (a) => ({ id: a.tenantId }) },
  'Mutation.suspendTenant': { expect: 'admin', variables: (a) => ({ id: a.tenantId, reason: 'intruder' }) },
  'Mutation.reactivateTenant': { expect: 'admin', variables: (a) => ({ id: a.tenantId }) },
  'Mutation.setCommissionRate': {
    expect: 'admin',
    variables: (a) => ({ id: a.tenantId, commissionBps: 1, reason: 'intruder' }),
  },
  'Mutation.inviteStaff': { expect: 'own', variables: (a) => ({ email: a.invitedEmail }) },
  'Mutation.revokeInvitation': { expect: 'refused', variables: (a) => ({ id: a.invitationId }) },
  'Mutation.removeTeamMember': { expect: 'refused', variables: (a) => ({ userId: a.ownerUserId }) },
  'Mutation.acceptInvitation': {
    expect: 'not-tenant-scoped',
    reason: 'the single-use token is the secret (hashed at rest); the invitee’s own e-mail must match',
  },
  'Mutation.createApiClient': { expect: 'own', variables: () => ({ name: 'intruder' }) },
  'Mutation.rotateApiClientSecret': { expect: 'refused', variables: (a) => ({ id: a.apiClientId }) },
  'Mutation.revokeApiClient': { expect: 'refused', variables: (a) => ({ id: a.apiClientId }) },
  // Back office (platform admins only)
  'Mutation.rejectTenant': { expect: 'admin', variables: (a) => ({ id: a.tenantId, reason: 'intruder' }) },
  'Mutation.requestTenantExport': { expect: 'admin', variables: (a) => ({ tenantId: a.tenantId }) },
  'Mutation.requestTenantDeletion': {
    expect: 'admin',
    variables: (a) => ({ tenantId: a.tenantId, reason: 'intruder wants it gone' }),
  },
  'Query.tenantExports': { expect: 'admin', variables: (a) => ({ tenantId: a.tenantId }) },
  'Query.tenantDeletion': { expect: 'admin', variables: (a) => ({ tenantId: a.tenantId }) },
  'Query.sellerStaff': { expect: 'admin', variables: (a) => ({ sellerId: a.tenantId }) },
  'Query.sellerLedgerOverview': { expect: 'admin', variables: (a) => ({ sellerId: a.tenantId }) },
  'Query.orderPayment': { expect: 'admin', variables: (a) => ({ buyerOrderId: a.buyerOrderId }) },
  'Query.sellerPayoutAccounts': { expect: 'admin', variables: (a) => ({ sellerIds: [a.tenantId] }) },
  'Query.userByEmail': { expect: 'admin', variables: (a) => ({ email: a.invitedEmail }) },
  // Webhooks
  'Query.webhookTopics': {
    expect: 'not-tenant-scoped',
    reason: 'the fixed list of topics, the same for all',
  },
  'Query.webhookEndpoints': { expect: 'hidden', variables: () => page },
  'Query.webhookEndpoint': { expect: 'refused', variables: (a) => ({ id: a.endpointId }) },
  'Query.webhookDeliveryAttempts': {
    expect: 'refused',
    variables: (a) => ({ endpointId: a.endpointId, first: 20 }),
  },
  'Mutation.createWebhookEndpoint': {
    expect: 'own',
    variables: () => ({ input: { url: 'http://127.0.0.1:9/intruder', topics: ['order.paid'] } }),
  },
  'Mutation.updateWebhookEndpoint': {
    expect: 'refused',
    variables: (a) => ({ input: { id: a.endpointId, url: 'http://127.0.0.1:9/intruder', enabled: false } }),
  },
  'Mutation.rotateWebhookEndpointSecret': {
    expect: 'refused',
    variables: (a) => ({ input: { id: a.endpointId } }),
  },
  'Mutation.deleteWebhookEndpoint': { expect: 'refused', variables: (a) => ({ id: a.endpointId }) },
  'Mutation.redeliverWebhookEvent': {
    expect: 'refused',
    variables: (a) => ({ endpointId: a.endpointId, eventId: `msg_${ulid()}` }),
  },
  'Mutation.redeliverWebhookEventsSince': {
    expect: 'refused',
    variables: (a) => ({ endpointId: a.endpointId, since: '2020-01-01T00:00:00Z' }),
  },
};
