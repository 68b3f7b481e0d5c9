import type { TenantDataStore } from '@marketplace/offboarding';
import type { CartRepository } from '../cart/cart.repository';
import type { ProductProjection } from '../catalog/projection/product-projection';

/**
 * What the cart holds of a seller (ADR 0071): the lines of its products in buyers' carts and its products and
 * status in the product projection. Nothing is exported — carts are the buyers', the projection a copy of the
 * catalog's data — and everything is erased. The projection is erased whichever catalog source runs now: a cart
 * that ran with the projection before keeps its entries until they expire, its statuses for good.
 */
export function cartTenantData(
  carts: CartRepository,
  projection: ProductProjection,
): TenantDataStore<unknown> {
  return {
    exportFiles: () => Promise.resolve([]),
    async erase(tenantId) {
      const lines = await carts.removeTenantLines(tenantId);
      const { entries, statuses } = await projection.eraseTenant(tenantId);
      return {
        deleted: { 'cart-lines': lines, 'projected-products': entries, 'projected-statuses': statuses },
        anonymized: {},
      };
    },
  };
}
