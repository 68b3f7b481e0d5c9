import { CartActions } from './cart.actions';
import { cartFeature, initialCartState } from './cart.reducer';
import { line } from '../testing/fixtures';
import { selectCartTotals, selectItemCount, selectSellerGroups } from './cart.selectors';

const reducer = cartFeature.reducer;

describe('cart reducer', () => {
  it('adds a new line and merges the same variant into one line', () => {
    let state = reducer(initialCartState, CartActions.lineAdded({ line: line() }));
    state = reducer(state, CartActions.lineAdded({ line: line({ quantity: 2 }) }));
    expect(state.lines).toHaveLength(1);
    expect(state.lines[0]?.quantity).toBe(3);
  });

  it('never lets a quantity exceed 99', () => {
    const state = reducer(initialCartState, CartActions.lineAdded({ line: line({ quantity: 150 }) }));
    expect(state.lines[0]?.quantity).toBe(99);
  });

  it('changes a quantity and refuses zero, negative and non-numeric quantities', () => {
    const start = reducer(initialCartState, CartActions.lineAdded({ line: line() }));
    expect(
      reducer(start, CartActions.quantityChanged({ variantId: 'v1', quantity: 4 })).lines[0]?.quantity,
    ).toBe(4);
    for (const quantity of [0, -2, Number.NaN]) {
      expect(reducer(start, CartActions.quantityChanged({ variantId: 'v1', quantity }))).toBe(start);
    }
  });

  it('removes a line and clears the cart', () => {
    let state = reducer(initialCartState, CartActions.lineAdded({ line: line() }));
    state = reducer(state, CartActions.lineAdded({ line: line({ variantId: 'v2' }) }));
    state = reducer(state, CartActions.lineRemoved({ variantId: 'v1' }));
    expect(state.lines.map((l) => l.variantId)).toEqual(['v2']);
    expect(reducer(state, CartActions.cleared()).lines).toEqual([]);
  });

  it('records load and save failures so the page can show them', () => {
    expect(reducer(initialCartState, CartActions.loadFailed({ message: 'boom' }))).toMatchObject({
      loaded: true,
      error: 'boom',
    });
    expect(reducer(initialCartState, CartActions.saveFailed({ message: 'full' })).error).toBe('full');
  });
});

describe('cart selectors', () => {
  const lines = [
    line({ variantId: 'a1', sellerId: 'a', sellerName: 'Acme', unitPriceMinor: 1000, quantity: 2 }),
    line({ variantId: 'b1', sellerId: 'b', sellerName: null, unitPriceMinor: 500, quantity: 1 }),
    line({ variantId: 'a2', sellerId: 'a', sellerName: 'Acme', unitPriceMinor: 250, quantity: 4 }),
    line({
      variantId: 'b2',
      sellerId: 'b',
      sellerName: null,
      currency: 'USD',
      unitPriceMinor: 300,
      quantity: 1,
    }),
  ];

  it('groups lines by seller in order of first appearance, with subtotals per currency', () => {
    const groups = selectSellerGroups.projector(lines);
    expect(groups.map((g) => g.sellerId)).toEqual(['a', 'b']);
    expect(groups[0]).toMatchObject({
      sellerName: 'Acme',
      subtotals: [{ currency: 'EUR', amountMinor: 3000 }],
    });
    expect(groups[0]?.lines.map((l) => l.variantId)).toEqual(['a1', 'a2']);
    expect(groups[1]?.subtotals).toEqual([
      { currency: 'EUR', amountMinor: 500 },
      { currency: 'USD', amountMinor: 300 },
    ]);
  });

  it('counts items and totals the cart per currency', () => {
    expect(selectItemCount.projector(lines)).toBe(8);
    expect(selectCartTotals.projector(lines)).toEqual([
      { currency: 'EUR', amountMinor: 3500 },
      { currency: 'USD', amountMinor: 300 },
    ]);
  });
});
