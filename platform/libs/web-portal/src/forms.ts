import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** The message shown next to a field for its first failed rule. */
export function fieldError(control: AbstractControl | null, label: string): string {
  const errors = control?.errors;
  if (!errors) return '';
  if (errors['required']) return `${label} is required.`;
  if (errors['maxlength'])
    return `${label} must be at most ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters.`;
  if (errors['minlength'])
    return `${label} must be at least ${(errors['minlength'] as { requiredLength: number }).requiredLength} characters.`;
  if (errors['email']) return `${label} must be an e-mail address.`;
  if (errors['min']) return `${label} must be at least ${(errors['min'] as { min: number }).min}.`;
  if (errors['max']) return `${label} must be at most ${(errors['max'] as { max: number }).max}.`;
  if (errors['pattern']) return `${label} has the wrong format.`;
  if (typeof errors['message'] === 'string') return errors['message'];
  return `${label} is not valid.`;
}

/** Money typed as "12.50" (up to two decimals, above zero). */
export const priceValidator: ValidatorFn = (control): ValidationErrors | null => {
  const raw = String(control.value ?? '').trim();
  if (!raw) return null;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(raw))
    return { message: 'Price must be a positive amount like 12.50 (no minus sign, at most two decimals).' };
  return Number(raw) > 0 ? null : { message: 'Price must be above zero.' };
};

/** "12.50" → 1250 minor units. */
export function toMinor(amount: string): number {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 1250 → "€12.50" in the seller's currency. */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}

/** Turns a store name into the URL slug the tenants service accepts ("Nordic Lamps" → "nordic-lamps"). */
export function aliasOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}
