import { ulid } from 'ulid';
import type { SeededTenant } from './seed';

/**
 * How tenant B's API client calls one REST v1 route (OpenAPI `METHOD path`) on tenant A's records:
 * `refused` answers 404 (or 403) as for a missing record; `hidden` answers without A's ids; `own` acts on B's
 * own tenant (A's SKU named) and never shows A's ids. The path's `{id}`-style parameters come from `path`.
 */
export interface RestClassification {
  expect: 'refused' | 'hidden' | 'own';
  path?: (seeded: SeededTenant) => Record<string, string>;
  body?: (seeded: SeededTenant) => unknown;
  contentType?: string;
}

const product = (a: SeededTenant) => ({ id: a.productId });
const endpoint = (a: SeededTenant) => ({ id: a.endpointId });

/** Every route of the REST v1 OpenAPI document; a route missing here fails the suite. */
export const REST_ROUTES: Record<string, RestClassification> = {
  'GET /api/v1/catalog/products': { expect: 'hidden' },
  'POST /api/v1/catalog/products': {
    expect: 'own',
    body: (a) => ({
      title: 'Same SKU as tenant A',
      currency: 'EUR',
      variants: [{ sku: a.sku, priceMinor: 1 }],
    }),
  },
  'POST /api/v1/catalog/products/import': {
    expect: 'own',
    contentType: 'text/csv',
    body: (a) => `title,currency,sku,price_minor\nIntruder,EUR,${a.sku},1\n`,
  },
  'GET /api/v1/catalog/products/import/{id}': { expect: 'refused', path: (a) => ({ id: a.importId }) },
  'GET /api/v1/catalog/products/{id}': { expect: 'refused', path: product },
  'PATCH /api/v1/catalog/products/{id}': {
    expect: 'refused',
    path: product,
    body: () => ({ title: 'Taken over' }),
  },
  'DELETE /api/v1/catalog/products/{id}': { expect: 'refused', path: product },
  'POST /api/v1/catalog/products/{id}/archive': { expect: 'refused', path: product },
  'POST /api/v1/catalog/products/{id}/publish': { expect: 'refused', path: product },
  'GET /api/v1/catalog/products/{id}/variants': { expect: 'refused', path: product },
  'POST /api/v1/catalog/products/{id}/variants': {
    expect: 'refused',
    path: product,
    body: () => ({ sku: `INTRUDER-${ulid()}`, priceMinor: 1 }),
  },
  'PATCH /api/v1/catalog/products/{id}/variants/{variantId}': {
    expect: 'refused',
    path: (a) => ({ id: a.productId, variantId: a.variantId }),
    body: () => ({ priceMinor: 1 }),
  },
  'DELETE /api/v1/catalog/products/{id}/variants/{variantId}': {
    expect: 'refused',
    path: (a) => ({ id: a.productId, variantId: a.variantId }),
  },
  'GET /api/v1/inventory/stock': { expect: 'hidden' },
  'POST /api/v1/inventory/stock/adjust': {
    expect: 'own',
    body: (a) => ({ sku: a.sku, delta: -5, reason: 'intruder' }),
  },
  'POST /api/v1/inventory/stock/set': {
    expect: 'own',
    body: (a) => ({ sku: a.sku, onHand: 0, reason: 'intruder' }),
  },
  'GET /api/v1/orders/orders': { expect: 'hidden' },
  'GET /api/v1/orders/orders/{id}': { expect: 'refused', path: (a) => ({ id: a.sellerOrderId }) },
  'POST /api/v1/orders/orders/{id}/fulfil': { expect: 'refused', path: (a) => ({ id: a.sellerOrderId }) },
  'POST /api/v1/orders/orders/{id}/ship': {
    expect: 'refused',
    path: (a) => ({ id: a.sellerOrderId }),
    body: () => ({ carrier: 'DHL', trackingNumber: 'INTRUDER1' }),
  },
  'GET /api/v1/orders/refunds': { expect: 'hidden' },
  'POST /api/v1/orders/refunds': {
    expect: 'refused',
    body: (a) => ({ sellerOrderId: a.sellerOrderId, amount: 1, reason: 'intruder' }),
  },
  'GET /api/v1/orders/refunds/{id}': { expect: 'refused', path: (a) => ({ id: a.refundRequestId }) },
  'POST /api/v1/orders/refunds/{id}/accept': { expect: 'refused', path: (a) => ({ id: a.refundRequestId }) },
  'POST /api/v1/orders/refunds/{id}/decline': {
    expect: 'refused',
    path: (a) => ({ id: a.refundRequestId }),
    body: () => ({ reason: 'intruder' }),
  },
  'GET /api/v1/webhooks/endpoints': { expect: 'hidden' },
  'GET /api/v1/webhooks/endpoints/topics': { expect: 'hidden' },
  'POST /api/v1/webhooks/endpoints': {
    expect: 'own',
    body: () => ({ url: 'http://127.0.0.1:9/intruder', topics: ['order.paid'] }),
  },
  'GET /api/v1/webhooks/endpoints/{id}': { expect: 'refused', path: endpoint },
  'PATCH /api/v1/webhooks/endpoints/{id}': {
    expect: 'refused',
    path: endpoint,
    body: () => ({ enabled: false }),
  },
  'DELETE /api/v1/webhooks/endpoints/{id}': { expect: 'refused', path: endpoint },
  'GET /api/v1/webhooks/endpoints/{id}/attempts': { expect: 'refused', path: endpoint },
  'POST /api/v1/webhooks/endpoints/{id}/rotate-secret': { expect: 'refused', path: endpoint },
  'POST /api/v1/webhooks/endpoints/{id}/redeliver': {
    expect: 'refused',
    path: endpoint,
    body: () => ({ since: '2020-01-01T00:00:00Z' }),
  },
};

/** `/a/{id}/b` with the parameters filled in. */
export function fillPath(template: string, parameters: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}
