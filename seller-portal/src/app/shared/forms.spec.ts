import { FormControl, Validators } from '@angular/forms';
import { aliasOf, fieldError, formatMoney, priceValidator, toMinor } from './forms';

describe('form helpers', () => {
  it('accepts positive prices with at most two decimals and explains the others', () => {
    expect(priceValidator(new FormControl('24.90'))).toBeNull();
    expect(priceValidator(new FormControl('7'))).toBeNull();
    expect(priceValidator(new FormControl('-5'))).toEqual({
      message: expect.stringContaining('no minus sign'),
    });
    expect(priceValidator(new FormControl('1.999'))).toEqual({
      message: expect.stringContaining('two decimals'),
    });
    expect(priceValidator(new FormControl('0.00'))).toEqual({ message: 'Price must be above zero.' });
    expect(priceValidator(new FormControl('abc'))).not.toBeNull();
  });

  it('converts typed amounts to minor units exactly', () => {
    expect(toMinor('24.90')).toBe(2490);
    expect(toMinor('24.9')).toBe(2490);
    expect(toMinor('0.07')).toBe(7);
    expect(toMinor('1000')).toBe(100000);
    expect(formatMoney(2750, 'EUR')).toBe('€27.50');
  });

  it('suggests a store address the tenants service accepts', () => {
    expect(aliasOf('Nordic Lamps & Co.')).toBe('nordic-lamps-co');
    expect(aliasOf('  Café Größe  ')).toBe('cafe-gro-e');
    expect(aliasOf('x'.repeat(80))).toHaveLength(64);
  });

  it('words the first failed rule for the field', () => {
    const control = new FormControl('', [Validators.required, Validators.maxLength(3)]);
    expect(fieldError(control, 'Title')).toBe('Title is required.');
    control.setValue('abcd');
    expect(fieldError(control, 'Title')).toBe('Title must be at most 3 characters.');
    control.setValue('ab');
    expect(fieldError(control, 'Title')).toBe('');
  });
});
