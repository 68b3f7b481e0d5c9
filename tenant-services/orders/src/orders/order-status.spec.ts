import { canMove, derivedBuyerStatus } from './order-status';

describe('order status', () => {
  it('lets sellers move forward only along pending_payment → paid → fulfilled → shipped → delivered', () => {
    expect(canMove('paid', 'fulfilled')).toBe(true);
    expect(canMove('paid', 'shipped')).toBe(true);
    expect(canMove('fulfilled', 'shipped')).toBe(true);
    expect(canMove('shipped', 'delivered')).toBe(true);
    expect(canMove('pending_payment', 'fulfilled')).toBe(false);
    expect(canMove('cancelled', 'shipped')).toBe(false);
    expect(canMove('delivered', 'shipped')).toBe(false);
    expect(canMove('paid', 'delivered')).toBe(false);
  });

  it('derives the buyer status from the slowest live seller order', () => {
    expect(derivedBuyerStatus(['shipped', 'paid'])).toBe('paid');
    expect(derivedBuyerStatus(['shipped', 'delivered'])).toBe('shipped');
    expect(derivedBuyerStatus(['delivered', 'cancelled'])).toBe('delivered');
    expect(derivedBuyerStatus(['cancelled', 'cancelled'])).toBe('cancelled');
    expect(derivedBuyerStatus(['refunded', 'refunded'])).toBe('refunded');
    expect(derivedBuyerStatus(['refunded', 'cancelled'])).toBe('cancelled');
  });
});
