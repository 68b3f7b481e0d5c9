import { refundAmountValidator } from './refunds.models';

describe('refundAmountValidator', () => {
  const check = (value: string) => refundAmountValidator(() => 1_500)({ value } as never);
  it('takes amounts above zero up to the requested one', () => {
    expect(check('')).toBeNull();
    expect(check('7.50')).toBeNull();
    expect(check('15')).toBeNull();
  });
  it('refuses more than requested, zero, negative and malformed amounts', () => {
    expect(check('15.01')).toEqual({ message: 'Amount must not be more than the buyer asked for.' });
    expect(check('0')).toEqual({ message: 'Amount must be above zero.' });
    expect(check('-1')?.['message']).toMatch(/positive amount/);
    expect(check('1.234')?.['message']).toMatch(/two decimals/);
  });
});
