import { FormControl } from '@angular/forms';
import { ApiError } from '@marketplace/web-portal';
import { refusedPath, showRefusalAtField } from './refusals';

describe('showRefusalAtField', () => {
  it('puts a refusal of the input on the field it concerns, without the path prefix', () => {
    const sku = new FormControl('PEN-1');
    const error = new ApiError('variants.0.sku: must not contain spaces', ['BAD_USER_INPUT']);
    expect(
      showRefusalAtField(error, (message) => (refusedPath(message) === 'variants.0.sku' ? sku : null)),
    ).toBe(true);
    expect(sku.errors).toEqual({ message: 'must not contain spaces' });
    expect(sku.touched).toBe(true);
  });

  it('leaves other failures, and refusals naming no field, to the page', () => {
    const email = new FormControl('a@example.com');
    expect(showRefusalAtField(new ApiError('Not allowed', ['FORBIDDEN']), () => email)).toBe(false);
    expect(showRefusalAtField(new Error('offline'), () => email)).toBe(false);
    expect(showRefusalAtField(new ApiError('taken', ['CONFLICT']), () => null)).toBe(false);
    expect(email.errors).toBeNull();
  });
});
