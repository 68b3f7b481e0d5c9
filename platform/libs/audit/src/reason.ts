import { safeText } from '@marketplace/contracts';

/** The reason an admin must give to reject, suspend or take down: said in words, shown to the seller. */
export const requiredReason = safeText({ multiline: true })
  .trim()
  .min(3, 'A reason of at least 3 characters is required')
  .max(1000, 'The reason may be at most 1000 characters');

/** A reason an admin may give (approve, reactivate): blank counts as none. */
export const optionalReason = safeText({ multiline: true })
  .trim()
  .max(1000, 'The reason may be at most 1000 characters')
  .nullish()
  .transform((value) => (value ? value : null));
