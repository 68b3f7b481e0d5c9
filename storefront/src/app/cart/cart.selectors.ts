import { createSelector } from '@ngrx/store';
import { cartFeature } from './cart.reducer';
import type { CartLine } from './cart.models';

export interface SellerGroup {
  sellerId: string;
  sellerName: string | null;
  lines: CartLine[];
  /** Subtotals per currency: a seller may price products in more than one. */
  subtotals: { currency: string; amountMinor: number }[];
}

function totalsByCurrency(lines: CartLine[]): { currency: string; amountMinor: number }[] {
  const totals = new Map<string, number>();
  for (const line of lines)
    totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.unitPriceMinor * line.quantity);
  return [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

export const selectCartLines = cartFeature.selectLines;
export const selectCartLoaded = cartFeature.selectLoaded;
export const selectCartError = cartFeature.selectError;

export const selectItemCount = createSelector(selectCartLines, (lines) =>
  lines.reduce((sum, l) => sum + l.quantity, 0),
);

/** Lines grouped by seller, in the order their first line was added. */
export const selectSellerGroups = createSelector(selectCartLines, (lines): SellerGroup[] => {
  const groups = new Map<string, CartLine[]>();
  for (const line of lines) groups.set(line.sellerId, [...(groups.get(line.sellerId) ?? []), line]);
  return [...groups].map(([sellerId, sellerLines]) => ({
    sellerId,
    sellerName: sellerLines.find((l) => l.sellerName)?.sellerName ?? null,
    lines: sellerLines,
    subtotals: totalsByCurrency(sellerLines),
  }));
});

export const selectCartTotals = createSelector(selectCartLines, totalsByCurrency);
