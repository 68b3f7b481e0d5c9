import type { StoredLine } from './cart-line';
import type { CartAmountModel, CartLineModel, CartModel, CartSellerGroupModel } from './cart.model';

function sumByCurrency(amounts: readonly CartAmountModel[]): CartAmountModel[] {
  const totals = new Map<string, number>();
  for (const { amountMinor, currency } of amounts)
    totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

function toLineModel(line: StoredLine): CartLineModel {
  return {
    id: line.id,
    productId: line.productId,
    variantId: line.variantId,
    sku: line.sku,
    title: line.title,
    categoryId: line.categoryId ?? null,
    quantity: line.quantity,
    unitPrice: {
      amountMinor: line.price.amountMinor,
      currency: line.price.currency,
      capturedAt: new Date(line.price.capturedAt),
    },
    lineTotal: { amountMinor: line.price.amountMinor * line.quantity, currency: line.price.currency },
    addedAt: new Date(line.addedAt),
  };
}

/** The buyer's view: lines grouped by seller in the order sellers first appear, subtotals and totals per currency. */
export function toCartModel(lines: readonly StoredLine[]): CartModel {
  const groups = new Map<string, CartLineModel[]>();
  for (const line of lines) {
    const group = groups.get(line.tenantId) ?? [];
    group.push(toLineModel(line));
    groups.set(line.tenantId, group);
  }
  const sellers: CartSellerGroupModel[] = [...groups].map(([tenantId, groupLines]) => ({
    tenantId,
    seller: { id: tenantId },
    lines: groupLines,
    subtotals: sumByCurrency(groupLines.map((line) => line.lineTotal)),
  }));
  return {
    sellers,
    totals: sumByCurrency(sellers.flatMap((group) => group.subtotals)),
    itemCount: lines.reduce((count, line) => count + line.quantity, 0),
  };
}
