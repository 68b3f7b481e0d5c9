import { checkoutSchema } from './checkout.inputs';

const address = { name: 'Ada', line1: 'Main St 1', postalCode: '10115', city: 'Berlin', country: 'DE' };
const line = {
  tenantId: 'tenant-a',
  productId: 'p1',
  sku: 'SKU-1',
  title: 'Mug',
  quantity: 2,
  unitPrice: 1_250,
  currency: 'EUR',
};

function issuesOf(input: unknown): string[] {
  const result = checkoutSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('checkout input', () => {
  it('accepts lines of several sellers in one currency', () => {
    expect(
      issuesOf({
        idempotencyKey: 'checkout-1',
        lines: [line, { ...line, tenantId: 'tenant-b' }],
        shippingAddress: address,
      }),
    ).toEqual([]);
  });

  it.each([
    ['no lines', { lines: [] }, 'lines: at least one line'],
    ['zero quantity', { lines: [{ ...line, quantity: 0 }] }, 'lines.0.quantity: must be at least 1'],
    ['negative price', { lines: [{ ...line, unitPrice: -1 }] }, 'lines.0.unitPrice: must not be negative'],
    [
      'two currencies',
      { lines: [line, { ...line, sku: 'SKU-2', currency: 'USD' }] },
      'lines: all lines must be in one currency',
    ],
    ['a repeated sku', { lines: [line, line] }, 'lines: each sku of a seller may appear once'],
    ['a free order', { lines: [{ ...line, unitPrice: 0 }] }, 'lines: the order total must be positive'],
    [
      'a total beyond 32 bits',
      { lines: [{ ...line, quantity: 10_000, unitPrice: 1_000_000 }] },
      'lines: the order total must not exceed 2147483647 minor units',
    ],
    ['a lower-case country', { shippingAddress: { ...address, country: 'de' } }, 'shippingAddress.country'],
  ])('refuses %s', (_case, change, expected) => {
    const issues = issuesOf({
      idempotencyKey: 'checkout-1',
      lines: [line],
      shippingAddress: address,
      ...change,
    });
    expect(issues.some((issue) => issue.startsWith(expected))).toBe(true);
  });
});
