import { createFeature, createReducer, on } from '@ngrx/store';
import { CartActions } from './cart.actions';
import { MAX_QUANTITY, type CartLine } from './cart.models';

export interface CartState {
  lines: CartLine[];
  /** False until the stored cart was read, so the page does not flash "empty". */
  loaded: boolean;
  error: string | null;
}

export const initialCartState: CartState = { lines: [], loaded: false, error: null };

const clamp = (quantity: number) => Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(quantity)));

export const cartFeature = createFeature({
  name: 'cart',
  reducer: createReducer(
    initialCartState,
    on(CartActions.loaded, (state, { lines }) => ({ ...state, lines, loaded: true, error: null })),
    on(CartActions.loadFailed, (state, { message }) => ({ ...state, loaded: true, error: message })),
    on(CartActions.lineAdded, (state, { line }) => {
      const existing = state.lines.find((l) => l.variantId === line.variantId);
      const lines = existing
        ? state.lines.map((l) =>
            l === existing ? { ...line, quantity: clamp(l.quantity + line.quantity) } : l,
          )
        : [...state.lines, { ...line, quantity: clamp(line.quantity) }];
      return { ...state, lines, error: null };
    }),
    on(CartActions.quantityChanged, (state, { variantId, quantity }) =>
      Number.isFinite(quantity) && quantity >= 1
        ? {
            ...state,
            lines: state.lines.map((l) =>
              l.variantId === variantId ? { ...l, quantity: clamp(quantity) } : l,
            ),
          }
        : state,
    ),
    on(CartActions.lineRemoved, (state, { variantId }) => ({
      ...state,
      lines: state.lines.filter((l) => l.variantId !== variantId),
    })),
    on(CartActions.cleared, (state) => ({ ...state, lines: [] })),
    on(CartActions.saveFailed, (state, { message }) => ({ ...state, error: message })),
  ),
});
