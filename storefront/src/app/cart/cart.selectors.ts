import { createSelector } from '@ngrx/store';
import { cartFeature } from './cart.reducer';

export const selectCart = cartFeature.selectCart;
export const selectCartLoaded = cartFeature.selectLoaded;
export const selectCartError = cartFeature.selectError;
export const selectCartPending = cartFeature.selectPending;
export const selectCartNotice = cartFeature.selectNotice;

export const selectItemCount = createSelector(selectCart, (cart) => cart.itemCount);
/** Lines grouped by seller with the subtotals the cart service computed. */
export const selectSellerGroups = createSelector(selectCart, (cart) => cart.sellers);
export const selectCartTotals = createSelector(selectCart, (cart) => cart.totals);
