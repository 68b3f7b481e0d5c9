import {
  REMOVE_ORDERED_LINES_MUTATION,
  removeOrderedLinesAnswerSchema,
  VALIDATE_CART_MUTATION,
  validateCartAnswerSchema,
  type ValidateCartAnswer,
} from '@marketplace/contracts';
import { ServiceClient, ServiceFailedError } from '@marketplace/resilience';
import { ConflictError, ValidationError } from '@marketplace/observability';

type ValidatedLine = NonNullable<
  ValidateCartAnswer['data']
>['validateCart']['cart']['sellers'][number]['lines'][number];

/** A validated cart line with its seller, the price flattened to minor units and currency. */
export type CartLine = Omit<ValidatedLine, 'unitPrice' | 'categoryId'> & {
  tenantId: string;
  categoryId: string | null;
  unitPrice: number;
  currency: string;
};

/**
 * The buyer's cart, re-priced by the cart service (`validateCart`) with the buyer's own token: checkout takes
 * lines and prices from there, never from the client. Once the order is placed, its lines leave the cart
 * (`removeOrderedLines`, with the same token).
 */
export class CartClient {
  private readonly client: ServiceClient;

  constructor(baseUrl: string) {
    this.client = new ServiceClient({ service: 'cart', baseUrl });
  }

  async validatedLines(authorization: string): Promise<CartLine[]> {
    const answer = await this.client.post(
      '/graphql',
      { query: VALIDATE_CART_MUTATION },
      { authorization, schema: validateCartAnswerSchema },
    );
    const validation = answer.data?.validateCart;
    // The cart (or Redis behind it) is down: an outage like a 503, so the checkout answers 503 too, not a 500.
    if (!validation && answer.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE'))
      throw new ServiceFailedError('cart', 'POST', '/graphql', 503);
    if (!validation) {
      throw new Error(`The cart service refused validateCart: ${answer.errors?.[0]?.message ?? 'no data'}`);
    }
    if (!validation.valid) {
      const problems = [
        ...validation.changedLines.map((line) => `${line.sku} (price changed)`),
        ...validation.unavailableLines.map((line) => `${line.sku} (${line.reason})`),
      ];
      throw new ConflictError(`The cart changed, review it and check out again: ${problems.join(', ')}`);
    }
    const lines = validation.cart.sellers.flatMap((seller) =>
      seller.lines.map((line) => ({
        tenantId: seller.tenantId,
        productId: line.productId,
        sku: line.sku,
        title: line.title,
        categoryId: line.categoryId ?? null,
        quantity: line.quantity,
        unitPrice: line.unitPrice.amountMinor,
        currency: line.unitPrice.currency,
      })),
    );
    if (lines.length === 0) throw new ValidationError('The cart is empty');
    return lines;
  }

  /**
   * Takes a placed order's lines out of the buyer's cart; the cart applies it once per order id. One attempt (a
   * POST is not retried): the checkout's answer does not wait on retries for this.
   */
  async removeOrderedLines(
    authorization: string,
    orderId: string,
    lines: readonly { productId: string; sku: string; quantity: number }[],
  ): Promise<void> {
    const answer = await this.client.post(
      '/graphql',
      {
        query: REMOVE_ORDERED_LINES_MUTATION,
        variables: {
          orderId,
          lines: lines.map(({ productId, sku, quantity }) => ({ productId, sku, quantity })),
        },
      },
      { authorization, schema: removeOrderedLinesAnswerSchema },
    );
    if (!answer.data?.removeOrderedLines) {
      const error = answer.errors?.[0];
      throw new Error(
        `The cart service refused removeOrderedLines: ${error?.extensions?.code ?? 'ERROR'} ${error?.message ?? 'no data'}`,
      );
    }
  }
}
