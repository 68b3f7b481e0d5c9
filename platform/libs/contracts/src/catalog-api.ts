import { z } from 'zod';
import { graphqlAnswerSchema } from './graphql-answer';

/**
 * What the cart asks the catalog subgraph (public `product(id)`, no token) to price and check lines with: every
 * requested product in one operation, one aliased field each. The catalog's tests run this query against the
 * real catalog and parse its answer with these schemas.
 */
export const CART_PRODUCT_FIELDS =
  'id tenantId title status moderation currency inStock categoryId variants { id sku priceMinor }';

export const cartProductSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  title: z.string(),
  status: z.string(),
  moderation: z.string(),
  currency: z.string(),
  inStock: z.boolean(),
  /** Commission rules by category are applied at checkout (orders). */
  categoryId: z.string().nullable(),
  variants: z.array(z.object({ id: z.string(), sku: z.string(), priceMinor: z.number().int().min(0) })),
});
export type CartProduct = z.output<typeof cartProductSchema>;

/** The operation for `count` products; variables `id0`..`id<count-1>`, answers under `p0`..`p<count-1>`. */
export function cartProductsQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return `query CartProducts(${indexes.map((i) => `$id${i}: ID!`).join(', ')}) { ${indexes
    .map((i) => `p${i}: product(id: $id${i}) { ${CART_PRODUCT_FIELDS} }`)
    .join(' ')} }`;
}

/** `null` for a product the catalog does not offer to buyers. */
export const cartProductsAnswerSchema = graphqlAnswerSchema(
  z.record(z.string(), cartProductSchema.nullable()),
);
