import { z } from 'zod';

/** The reason an admin must give to reject, suspend or take down: said in words, shown to the seller. */
export const requiredReason = z
  .string()
  .trim()
  .min(3, 'A reason of at least 3 characters is required')
  .max(1000, 'The reason may be at most 1000 characters');

/** A reason an admin may give (approve, reactivate): blank counts as none. */
export const optionalReason = z
  .string()
  .trim()
  .max(1000, 'The reason may be at most 1000 characters')
  .nullish()
  .transform((value) => (value ? value : null));
