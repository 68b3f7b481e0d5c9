import { Inject, Injectable } from '@nestjs/common';
import { ulid } from 'ulid';
import { CATALOG_CLIENT, type CatalogClient } from '../catalog/catalog.client';
import { describeUnavailable, variantAvailability } from '../catalog/variant-availability';
import { ConflictError, NotFoundError } from '@marketplace/observability';
import type { PriceSnapshot, StoredLine } from './cart-line';
import type { CartOwner } from './cart-owner';
import type { OrderedLine } from './cart.inputs';
import { toCartModel } from './cart-view';
import type {
  CartMergeResultModel,
  CartModel,
  CartPriceChangeModel,
  CartUnavailableLineModel,
  CartValidationModel,
} from './cart.model';
import { CartRepository } from './cart.repository';

function toSnapshotModel(price: PriceSnapshot) {
  return { amountMinor: price.amountMinor, currency: price.currency, capturedAt: new Date(price.capturedAt) };
}

@Injectable()
export class CartService {
  constructor(
    @Inject(CartRepository) private readonly carts: CartRepository,
    @Inject(CATALOG_CLIENT) private readonly catalog: CatalogClient,
  ) {}

  async cart(owner: CartOwner): Promise<CartModel> {
    return toCartModel(await this.carts.lines(owner));
  }

  /** Adds a variant the catalog offers now, with its current price captured on the line. */
  async add(
    owner: CartOwner,
    variant: { productId: string; sku: string },
    quantity: number,
  ): Promise<CartModel> {
    const products = await this.catalog.products([variant.productId]);
    const availability = variantAvailability(products.get(variant.productId), variant.sku);
    if (!availability.available) {
      const message = describeUnavailable(availability.reason, variant.productId, variant.sku);
      throw availability.reason === 'out-of-stock' ? new ConflictError(message) : new NotFoundError(message);
    }
    const now = new Date().toISOString();
    const line: StoredLine = {
      id: ulid(),
      productId: variant.productId,
      variantId: availability.variantId,
      sku: variant.sku,
      tenantId: availability.tenantId,
      title: availability.title,
      categoryId: availability.categoryId,
      quantity,
      price: { amountMinor: availability.priceMinor, currency: availability.currency, capturedAt: now },
      addedAt: now,
    };
    await this.carts.addLine(owner, line);
    return this.cart(owner);
  }

  async setQuantity(owner: CartOwner, lineId: string, quantity: number): Promise<CartModel> {
    await this.carts.setQuantity(owner, lineId, quantity);
    return this.cart(owner);
  }

  async remove(owner: CartOwner, lineId: string): Promise<CartModel> {
    await this.carts.removeLine(owner, lineId);
    return this.cart(owner);
  }

  /** After a checkout: the ordered quantities leave the cart, once per order. */
  async removeOrderedLines(
    owner: CartOwner,
    orderId: string,
    lines: readonly OrderedLine[],
  ): Promise<CartModel> {
    await this.carts.removeOrderedLines(owner, orderId, lines);
    return this.cart(owner);
  }

  /** At sign-in: the anonymous cart's lines join the buyer's cart, and the anonymous cart is emptied. */
  async merge(buyer: CartOwner, anonymous: CartOwner): Promise<CartMergeResultModel> {
    const { merged, skipped } = await this.carts.moveLines(anonymous, buyer);
    return { cart: await this.cart(buyer), mergedLines: merged, skippedLines: skipped };
  }

  /**
   * Re-reads every line's product from the catalog itself, never from the projection: checkout charges the
   * prices this answers (ADR 0064). Reports price changes (and stores the new price on the line) and lines that
   * can no longer be bought (left in the cart for the buyer to remove).
   */
  async validate(owner: CartOwner): Promise<CartValidationModel> {
    const lines = await this.carts.lines(owner);
    const products = await this.catalog.currentProducts(lines.map((line) => line.productId));
    const capturedAt = new Date().toISOString();
    const changedLines: CartPriceChangeModel[] = [];
    const unavailableLines: CartUnavailableLineModel[] = [];
    const newPrices = new Map<string, PriceSnapshot>();

    for (const line of lines) {
      const availability = variantAvailability(products.get(line.productId), line.sku);
      if (!availability.available) {
        unavailableLines.push({
          lineId: line.id,
          productId: line.productId,
          sku: line.sku,
          reason: describeUnavailable(availability.reason, line.productId, line.sku),
        });
        continue;
      }
      if (availability.priceMinor === line.price.amountMinor && availability.currency === line.price.currency)
        continue;
      const current: PriceSnapshot = {
        amountMinor: availability.priceMinor,
        currency: availability.currency,
        capturedAt,
      };
      newPrices.set(line.id, current);
      changedLines.push({
        lineId: line.id,
        productId: line.productId,
        sku: line.sku,
        previousPrice: toSnapshotModel(line.price),
        currentPrice: toSnapshotModel(current),
      });
    }
    await this.carts.setPrices(owner, newPrices);
    return {
      cart: await this.cart(owner),
      valid: changedLines.length === 0 && unavailableLines.length === 0,
      changedLines,
      unavailableLines,
    };
  }
}
