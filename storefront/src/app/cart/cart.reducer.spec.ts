import { CartActions } from './cart.actions';
import { cartFeature, initialCartState } from './cart.reducer';
import { cart, line } from '../testing/fixtures';
import { selectCartTotals, selectItemCount, selectSellerGroups } from './cart.selectors';

const reducer = cartFeature.reducer;

describe('cart reducer', () => {
  it('takes the cart service answer as it is: groups, subtotals and totals', () => {
    const answer = cart([
      { sellerId: 'a', lines: [line({ id: 'l1', quantity: 2, unitPriceMinor: 1000 })] },
      { sellerId: 'b', lines: [line({ id: 'l2', unitPriceMinor: 4500 })] },
    ]);
    const state = { cart: reducer(initialCartState, CartActions.loaded({ cart: answer })) };
    expect(selectSellerGroups(state).map((g) => g.subtotals[0]?.amountMinor)).toEqual([2000, 4500]);
    expect(selectCartTotals(state)).toEqual([{ amountMinor: 6500, currency: 'EUR' }]);
    expect(selectItemCount(state)).toBe(3);
  });

  it('marks a change pending until the service answers, then shows its notice', () => {
    let state = reducer(
      initialCartState,
      CartActions.addRequested({ productId: 'p1', sku: 'S', title: 'Mug', quantity: 1 }),
    );
    expect(state.pending).toBe(true);
    state = reducer(
      state,
      CartActions.updated({ cart: cart([{ sellerId: 'a', lines: [line()] }]), message: 'Added Mug' }),
    );
    expect(state).toMatchObject({ pending: false, loaded: true, notice: 'Added Mug', error: null });
  });

  it('keeps the cart and shows the refusal when a change fails', () => {
    const loaded = reducer(
      initialCartState,
      CartActions.loaded({ cart: cart([{ sellerId: 'a', lines: [line()] }]) }),
    );
    const state = reducer(
      reducer(loaded, CartActions.quantityChangeRequested({ lineId: '01LINE', quantity: 5 })),
      CartActions.updateFailed({ message: 'Only 2 left in stock' }),
    );
    expect(state.cart).toBe(loaded.cart);
    expect(state).toMatchObject({ pending: false, error: 'Only 2 left in stock' });
  });
});
