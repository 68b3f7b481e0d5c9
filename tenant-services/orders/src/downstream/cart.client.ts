import { ServiceClient } from '@marketplace/resilience';
import { z } from 'zod';
import { ConflictError, ValidationError } from '@marketplace/observability';

const VALIDATE_CART = `mutation {
  validateCart {
    valid
    changedLines { sku }
    unavailableLines { sku reason }
    cart { sellers { tenantId lines { productId sku title categoryId quantity unitPrice { amountMinor currency } } } }
  }
}`;

const answerSchema = z.object({
  data: z
    .object({
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
                  quantity: z.number(),
                  unitPrice: z.object({ amountMinor: z.number(), currency: z.string() }),
                  categoryId: z.string().nullish(),
                }),
              ),
            }),
          ),
        }),
      }),
    })
    .nullable()
    .optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

export interface CartLine {
  tenantId: string;
  productId: string;
  sku: string;
  title: string;
  categoryId: string | null;
  quantity: number;
  unitPrice: number;
  currency: string;
}

/**
 * The buyer's cart, re-priced by the cart service (`validateCart`) with the buyer's own token: checkout takes
 * lines and prices from there, never from the client.
 */
export class CartClient {
  private readonly client: ServiceClient;

  constructor(baseUrl: string) {
    this.client = new ServiceClient({ service: 'cart', baseUrl });
  }

  async validatedLines(authorization: string): Promise<CartLine[]> {
    const answer = await this.client.post(
      '/graphql',
      { query: VALIDATE_CART },
      { authorization, schema: answerSchema },
    );
    const validation = answer.data?.validateCart;
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
}
