import type { CatalogProduct } from './catalog.client';

export type VariantAvailability =
  | {
      available: true;
      variantId: string;
      priceMinor: number;
      currency: string;
      title: string;
      tenantId: string;
      categoryId: string | null;
    }
  | { available: false; reason: UnavailableReason };

export type UnavailableReason = 'not-for-sale' | 'unknown-sku' | 'out-of-stock';

/**
 * Whether a buyer may put this variant in a cart. The catalog already hides products that are not
 * published, are removed by moderation or whose seller is not active; the status is checked again so the
 * cart never depends on that filter alone.
 */
export function variantAvailability(
  product: CatalogProduct | null | undefined,
  sku: string,
): VariantAvailability {
  if (!product || product.status !== 'PUBLISHED' || product.moderation === 'REMOVED')
    return { available: false, reason: 'not-for-sale' };
  const variant = product.variants.find((candidate) => candidate.sku === sku);
  if (!variant) return { available: false, reason: 'unknown-sku' };
  if (!product.inStock) return { available: false, reason: 'out-of-stock' };
  return {
    available: true,
    variantId: variant.id,
    priceMinor: variant.priceMinor,
    currency: product.currency,
    title: product.title,
    tenantId: product.tenantId,
    categoryId: product.categoryId,
  };
}

export function describeUnavailable(reason: UnavailableReason, productId: string, sku: string): string {
  switch (reason) {
    case 'not-for-sale':
      return `Product ${productId} is not for sale: it does not exist, is not published, or its seller is not active`;
    case 'unknown-sku':
      return `Product ${productId} has no variant with SKU ${sku}`;
    case 'out-of-stock':
      return `Product ${productId} is out of stock`;
  }
}
