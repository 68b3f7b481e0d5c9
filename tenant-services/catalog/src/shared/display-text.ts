import { z } from 'zod';

// C0/C1 controls and the Unicode bidirectional formatting characters (Trojan Source): invisible, and able to
// make a text read differently from what it holds.
const UNDISPLAYABLE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** A short text shown to buyers as it is: trimmed, at most `max` characters, nothing invisible or reordering. */
export function displayText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((text) => !UNDISPLAYABLE.test(text), 'must not contain control or text-direction characters');
}
