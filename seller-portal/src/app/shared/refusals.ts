import type { AbstractControl } from '@angular/forms';
import { ApiError } from '@marketplace/web-portal';

/** Codes of refusals that are about what was typed (a field), not about the page or the network. */
const INPUT_REFUSALS = ['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND'];

/**
 * Shows the API's refusal of an input next to the field it concerns, where the form's own checks show theirs:
 * `fieldOf` picks the control from the refusal's message (validation messages start with the field's path,
 * e.g. `variants.1.sku: …`). Returns false for anything else, which the page shows as before.
 */
export function showRefusalAtField(
  error: unknown,
  fieldOf: (message: string) => AbstractControl | null | undefined,
): boolean {
  if (!(error instanceof ApiError) || !error.codes.some((code) => INPUT_REFUSALS.includes(code)))
    return false;
  const control = fieldOf(error.message);
  if (!control) return false;
  control.setErrors({ message: error.message.replace(/^[\w.]+: /, '') });
  control.markAsTouched();
  return true;
}

/** The field path a validation message starts with (`variants.1.sku: …` → `variants.1.sku`), or ''. */
export function refusedPath(message: string): string {
  return /^([\w.]+): /.exec(message)?.[1] ?? '';
}
