import { z } from 'zod';
import { graphqlAnswerSchema } from './graphql-answer';

/**
 * What the checkout (orders) asks the cart subgraph, with the buyer's own token, before it reserves stock: the
 * cart re-priced from the catalog, lines and prices taken from there, never from the client. The cart's tests
 * run this mutation against the real cart and parse its answer with this schema.
 */
export const VALIDATE_CART_MUTATION = `mutation ValidateCart {
  validateCart {
    valid
    changedLines { sku }
    unavailableLines { sku reason }
    cart { sellers { tenantId lines { productId sku title categoryId quantity unitPrice { amountMinor currency } } } }
  }
}`;

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const validateCartAnswerSchema = graphqlAnswerSchema(
  z.object({
    validateCart: z.object({
      valid: z.boolean(),
      changedLines: z.array(z.object({ sku: z.string() })),
      unavailableLines: z.array(z.object({ sku: z.string(), reason: z.string() })),
      cart: z.object({
        sellers: z.array(
          z.object({
            tenantId: z.string(),
            lines: z.array(
              z.object({
                productId: z.string(),
                sku: z.string(),
                title: z.string(),
                /** Commission rules by category are applied at checkout (orders). */
                categoryId: z.string().nullish(),
                quantity: z.number().int().positive(),
                unitPrice: money,
              }),
            ),
          }),
        ),
      }),
    }),
  }),
);
export type ValidateCartAnswer = z.output<typeof validateCartAnswerSchema>;

/**
 * What the checkout (orders) asks the cart subgraph, with the buyer's own token, once an order is placed: take the
 * ordered quantities out of the buyer's cart. The cart applies it once per order id, so a repeated checkout may ask
 * again. The cart's tests run this mutation against the real cart and parse its answer with this schema.
 */
export const REMOVE_ORDERED_LINES_MUTATION = `mutation RemoveOrderedLines($orderId: ID!, $lines: [OrderedLineInput!]!) {
  removeOrderedLines(orderId: $orderId, lines: $lines) { itemCount }
}`;

export const removeOrderedLinesAnswerSchema = graphqlAnswerSchema(
  z.object({ removeOrderedLines: z.object({ itemCount: z.number().int().nonnegative() }) }),
);
export type RemoveOrderedLinesAnswer = z.output<typeof removeOrderedLinesAnswerSchema>;
