import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Cart } from './cart.models';

export const CartActions = createActionGroup({
  source: 'Cart',
  events: {
    'Load Requested': emptyProps(),
    Loaded: props<{ cart: Cart }>(),
    'Load Failed': props<{ message: string }>(),
    'Add Requested': props<{ productId: string; sku: string; title: string; quantity: number }>(),
    'Quantity Change Requested': props<{ lineId: string; quantity: number }>(),
    'Remove Requested': props<{ lineId: string }>(),
    /** The cart service's answer to a change. */
    Updated: props<{ cart: Cart; message?: string }>(),
    'Update Failed': props<{ message: string }>(),
  },
});
