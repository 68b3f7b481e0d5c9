import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { CartLine } from './cart.models';

export const CartActions = createActionGroup({
  source: 'Cart',
  events: {
    'Load Requested': emptyProps(),
    Loaded: props<{ lines: CartLine[] }>(),
    'Load Failed': props<{ message: string }>(),
    'Line Added': props<{ line: CartLine }>(),
    'Quantity Changed': props<{ variantId: string; quantity: number }>(),
    'Line Removed': props<{ variantId: string }>(),
    Cleared: emptyProps(),
    'Save Failed': props<{ message: string }>(),
  },
});
