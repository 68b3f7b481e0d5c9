import type { AbstractControl } from '@angular/forms';
import { aliasOf, fieldError, formatMoney, priceValidator, toMinor } from './forms';

/** The helpers read only `value` and `errors` of a control. */
const control = (value: unknown, errors: Record<string, unknown> | null = null) =>
  ({ value, errors }) as unknown as AbstractControl;

describe('form helpers', () => {
  it('accepts positive prices with at most two decimals and explains the others', () => {
    expect(priceValidator(control('24.90'))).toBeNull();
    expect(priceValidator(control('-5'))).toEqual({ message: expect.stringContaining('no minus sign') });
    expect(priceValidator(control('1.999'))).toEqual({ message: expect.stringContaining('two decimals') });
    expect(priceValidator(control('0.00'))).toEqual({ message: 'Price must be above zero.' });
  });

  it('converts typed amounts to minor units exactly and formats money', () => {
    expect(toMinor('24.9')).toBe(2490);
    expect(toMinor('0.07')).toBe(7);
    expect(toMinor('1000')).toBe(100000);
    expect(formatMoney(2750, 'EUR')).toBe('€27.50');
  });

  it('suggests a store address the tenants service accepts', () => {
    expect(aliasOf('Nordic Lamps & Co.')).toBe('nordic-lamps-co');
    expect(aliasOf('x'.repeat(80))).toHaveLength(64);
    expect(aliasOf('  Café Größe  ')).toBe('cafe-gro-e');
  });

  it('words the first failed rule for the field', () => {
    expect(fieldError(control('', { required: true }), 'Reason')).toBe('Reason is required.');
    expect(fieldError(control('ab', { minlength: { requiredLength: 3 } }), 'Reason')).toBe(
      'Reason must be at least 3 characters.',
    );
    expect(fieldError(control('abc'), 'Reason')).toBe('');
  });
});
