import { z } from 'zod';

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An upper-case ISO 4217 code the runtime knows. */
export const currencySchema = z
  .string()
  .refine(
    (code) => /^[A-Z]{3}$/.test(code) && ISO_CURRENCIES.has(code),
    'must be an upper-case ISO 4217 currency code',
  );

/** Integer minor units (cents); 10^12 keeps every amount a safe integer with room for sums. */
export const amountMinorSchema = z
  .number()
  .int('must be an integer amount in minor units')
  .min(0, 'must not be negative')
  .max(1e12);
