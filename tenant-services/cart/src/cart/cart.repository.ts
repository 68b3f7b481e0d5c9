import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '@marketplace/observability';
import { globLiteral, scanKeys } from '@marketplace/offboarding';
import { MAX_LINES, MAX_QUANTITY, storedLineSchema, type PriceSnapshot, type StoredLine } from './cart-line';
import { cartKey, cartKeyPrefixes, orderedKey, type CartOwner } from './cart-owner';
import {
  ADD_LINE,
  MERGE_LINES,
  REMOVE_LINE,
  REMOVE_ORDERED_LINES,
  REMOVE_TENANT_LINES,
  REMOVE_UNCHANGED,
  SET_PRICES,
  SET_QUANTITY,
} from './cart-scripts';

export const CART_STORE_OPTIONS = Symbol('CART_STORE_OPTIONS');

export interface CartStoreOptions {
  keyPrefix: string;
  anonymousTtlSeconds: number;
  buyerTtlSeconds: number;
}

const scriptAnswer = z.object({
  error: z.enum(['currency', 'quantity', 'lines', 'not-found']).optional(),
  currency: z.string().optional(),
  quantity: z.number().optional(),
  lineId: z.string().optional(),
  merged: z.number().optional(),
  skipped: z.number().optional(),
});
type ScriptAnswer = z.infer<typeof scriptAnswer>;

/** Carts in Redis: one hash per cart, changed only through the atomic scripts of cart-scripts.ts. */
@Injectable()
export class CartRepository {
  constructor(
    @Inject(Redis) private readonly redis: Redis,
    @Inject(CART_STORE_OPTIONS) private readonly options: CartStoreOptions,
  ) {}

  /** The cart's lines (oldest first); reading renews the sliding expiry. */
  async lines(owner: CartOwner): Promise<StoredLine[]> {
    return (await this.rawLines(owner)).map(({ line }) => line);
  }

  async exists(owner: CartOwner): Promise<boolean> {
    return (await this.redis.exists(cartKey(this.options.keyPrefix, owner))) === 1;
  }

  async addLine(owner: CartOwner, candidate: StoredLine): Promise<string> {
    const answer = await this.run(ADD_LINE, owner, [
      JSON.stringify(candidate),
      MAX_QUANTITY,
      MAX_LINES,
      this.ttl(owner),
    ]);
    if (answer.error === 'currency') {
      throw new ConflictError(
        `The cart is in ${answer.currency}; ${candidate.price.currency} items need a separate checkout. Remove the ${answer.currency} items first.`,
      );
    }
    if (answer.error === 'quantity') {
      throw new ValidationError(
        `The cart already holds ${answer.quantity} of this item; at most ${MAX_QUANTITY} per item`,
      );
    }
    if (answer.error === 'lines')
      throw new ConflictError(`The cart is full: at most ${MAX_LINES} different items`);
    return this.lineIdOf(answer);
  }

  async setQuantity(owner: CartOwner, lineId: string, quantity: number): Promise<void> {
    this.lineIdOf(await this.run(SET_QUANTITY, owner, [lineId, quantity, this.ttl(owner)]));
  }

  async removeLine(owner: CartOwner, lineId: string): Promise<void> {
    this.lineIdOf(await this.run(REMOVE_LINE, owner, [lineId, this.ttl(owner)]));
  }

  /**
   * Takes a deleted seller's lines out of every cart (tenant offboarding, ADR 0071); answers how many. Carts are
   * the buyers', so the rest of each cart stays. Each script touches one cart.
   */
  async removeTenantLines(tenantId: string): Promise<number> {
    let removed = 0;
    for (const prefix of cartKeyPrefixes(this.options.keyPrefix))
      await scanKeys(this.redis, `${globLiteral(prefix)}*`, async (keys) => {
        for (const key of keys)
          removed += Number(await REMOVE_TENANT_LINES.run(this.redis, [key], [tenantId]));
      });
    return removed;
  }

  /**
   * Takes an order's lines out of the cart, once per order id (see REMOVE_ORDERED_LINES). An order id is
   * remembered as long as an untouched buyer cart lives.
   */
  async removeOrderedLines(
    owner: CartOwner,
    orderId: string,
    lines: readonly { productId: string; sku: string; quantity: number }[],
  ): Promise<void> {
    const key = cartKey(this.options.keyPrefix, owner);
    await REMOVE_ORDERED_LINES.run(
      this.redis,
      [key, orderedKey(key)],
      [orderId, JSON.stringify(lines), Date.now(), this.ttl(owner) * 1000, this.ttl(owner)],
    );
  }

  async setPrices(owner: CartOwner, prices: ReadonlyMap<string, PriceSnapshot>): Promise<void> {
    if (prices.size === 0) return;
    await this.run(SET_PRICES, owner, [JSON.stringify(Object.fromEntries(prices)), this.ttl(owner)]);
  }

  /**
   * Moves the lines of `from` into `to`: merged into `to` in one script (all or nothing), then deleted from
   * `from` only where unchanged since they were read. Each step touches one key.
   */
  async moveLines(from: CartOwner, to: CartOwner): Promise<{ merged: number; skipped: number }> {
    const source = await this.rawLines(from);
    if (source.length === 0) return { merged: 0, skipped: 0 };
    const answer = await this.run(MERGE_LINES, to, [
      JSON.stringify(source.map(({ line }) => line)),
      MAX_QUANTITY,
      MAX_LINES,
      this.ttl(to),
    ]);
    if (answer.error === 'currency') {
      throw new ConflictError(
        `Your cart is in ${answer.currency}; the anonymous cart's items are in another currency and were not merged`,
      );
    }
    await REMOVE_UNCHANGED.run(
      this.redis,
      [cartKey(this.options.keyPrefix, from)],
      source.flatMap(({ field, raw }) => [field, raw]),
    );
    return { merged: answer.merged ?? 0, skipped: answer.skipped ?? 0 };
  }

  private async rawLines(owner: CartOwner): Promise<{ field: string; raw: string; line: StoredLine }[]> {
    const key = cartKey(this.options.keyPrefix, owner);
    const results = await this.redis.multi().hgetall(key).expire(key, this.ttl(owner)).exec();
    const [hashError, hash] = results?.[0] ?? [new Error('Redis transaction was discarded'), null];
    if (hashError) throw hashError;
    return Object.entries(hash as Record<string, string>)
      .map(([field, raw]) => ({ field, raw, line: storedLineSchema.parse(JSON.parse(raw)) }))
      .sort((a, b) => a.line.addedAt.localeCompare(b.line.addedAt) || a.line.id.localeCompare(b.line.id));
  }

  private async run(
    script: typeof ADD_LINE,
    owner: CartOwner,
    args: (string | number)[],
  ): Promise<ScriptAnswer> {
    const raw = await script.run(this.redis, [cartKey(this.options.keyPrefix, owner)], args);
    return scriptAnswer.parse(JSON.parse(String(raw)));
  }

  private lineIdOf(answer: ScriptAnswer): string {
    if (answer.error === 'not-found' || !answer.lineId) throw new NotFoundError('No such line in your cart');
    return answer.lineId;
  }

  private ttl(owner: CartOwner): number {
    return owner.kind === 'buyer' ? this.options.buyerTtlSeconds : this.options.anonymousTtlSeconds;
  }
}
