import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { ShippingAddress } from '../../orders/order.models';

/** Countries the marketplace ships to (ISO 3166-1 alpha-2). */
export const SHIPPING_COUNTRIES: { code: string; name: string }[] = [
  { code: 'AT', name: 'Austria' },
  { code: 'BE', name: 'Belgium' },
  { code: 'DE', name: 'Germany' },
  { code: 'DK', name: 'Denmark' },
  { code: 'ES', name: 'Spain' },
  { code: 'FI', name: 'Finland' },
  { code: 'FR', name: 'France' },
  { code: 'IE', name: 'Ireland' },
  { code: 'IT', name: 'Italy' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'NO', name: 'Norway' },
  { code: 'PT', name: 'Portugal' },
  { code: 'SE', name: 'Sweden' },
];

const required = (max: number) =>
  new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(max)] });

/** The limits match what the orders service accepts, so a valid form is never refused for its shape. */
export function addressForm() {
  return new FormGroup({
    name: required(200),
    line1: required(255),
    line2: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(255)] }),
    postalCode: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(32), Validators.pattern(/^[A-Za-z0-9 -]+$/)],
    }),
    city: required(128),
    country: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
}

export type AddressForm = ReturnType<typeof addressForm>;
export type AddressField = keyof AddressForm['controls'];

export const FIELD_LABELS: Record<AddressField, string> = {
  name: 'Full name',
  line1: 'Street and number',
  line2: 'Apartment, suite (optional)',
  postalCode: 'Postal code',
  city: 'City',
  country: 'Country',
};

interface TextField {
  name: Exclude<AddressField, 'country'>;
  autocomplete: string;
  /** Shares a row with the next half field on a wide screen. */
  half?: boolean;
}

/** The typed fields of the form in display order (the country is a select of its own). */
export const TEXT_FIELDS: TextField[] = [
  { name: 'name', autocomplete: 'name' },
  { name: 'line1', autocomplete: 'address-line1' },
  { name: 'line2', autocomplete: 'address-line2' },
  { name: 'postalCode', autocomplete: 'postal-code', half: true },
  { name: 'city', autocomplete: 'address-level2', half: true },
];

/** What is wrong with a field, in words, or null when it is fine. */
export function fieldError(form: AddressForm, field: AddressField): string | null {
  const errors = form.controls[field].errors;
  if (!errors) return null;
  if (errors['required']) return `${FIELD_LABELS[field]} is required.`;
  if (errors['maxlength']) return `${FIELD_LABELS[field]} is too long.`;
  if (errors['pattern']) return `${FIELD_LABELS[field]} may contain letters, digits, spaces and dashes only.`;
  return `${FIELD_LABELS[field]} is not valid.`;
}

/** The address as the orders service takes it: trimmed, optional parts left out when empty. */
export function toShippingAddress(value: AddressForm['value']): ShippingAddress {
  const line2 = value.line2?.trim();
  return {
    name: (value.name ?? '').trim(),
    line1: (value.line1 ?? '').trim(),
    ...(line2 ? { line2 } : {}),
    postalCode: (value.postalCode ?? '').trim(),
    city: (value.city ?? '').trim(),
    country: value.country ?? '',
  };
}
