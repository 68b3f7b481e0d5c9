import { addressForm, fieldError, toShippingAddress } from './address-form';

describe('address form', () => {
  it('names every missing required field in words', () => {
    const form = addressForm();
    expect(form.invalid).toBe(true);
    expect(fieldError(form, 'name')).toBe('Full name is required.');
    expect(fieldError(form, 'country')).toBe('Country is required.');
    expect(fieldError(form, 'line2')).toBeNull();
  });

  it('refuses a postal code with symbols and a name longer than the orders service takes', () => {
    const form = addressForm();
    form.patchValue({ postalCode: '10115<', name: 'x'.repeat(201) });
    expect(fieldError(form, 'postalCode')).toContain('letters, digits, spaces and dashes only');
    expect(fieldError(form, 'name')).toBe('Full name is too long.');
  });

  it('sends a trimmed address and leaves out an empty second line', () => {
    const form = addressForm();
    form.setValue({
      name: ' Bea Buyer ',
      line1: 'Hauptstraße 1 ',
      line2: '  ',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
    });
    expect(form.valid).toBe(true);
    expect(toShippingAddress(form.getRawValue())).toEqual({
      name: 'Bea Buyer',
      line1: 'Hauptstraße 1',
      postalCode: '10115',
      city: 'Berlin',
      country: 'DE',
    });
  });
});
