import { z } from 'zod';

/**
 * Characters no user-supplied name or text may carry: bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C), which make "invoice\u202Efdp.exe" render as
 * "invoiceexe.pdf" in every portal, e-mail and CSV that shows it; and C0/C1 control characters (terminal escapes,
 * NUL), except tab, line feed and carriage return where text may span lines.
 */
const BIDI_CONTROLS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const SINGLE_LINE_UNSAFE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}]`, 'u');
const MULTILINE_UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}]`, 'u');

export const UNSAFE_TEXT_MESSAGE =
  'must not contain control characters or bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)';

export function isSafeText(text: string, options: { multiline?: boolean } = {}): boolean {
  return !(options.multiline ? MULTILINE_UNSAFE : SINGLE_LINE_UNSAFE).test(text);
}

/**
 * The one validator of user-supplied names, titles and free text at every service's edge: a zod string that
 * refuses the characters above (chain `.trim().min().max()` as usual). `multiline` admits tab, LF and CR for
 * descriptions, review texts and reasons.
 */
export function safeText(options: { multiline?: boolean } = {}) {
  return z.string().refine((text) => isSafeText(text, options), UNSAFE_TEXT_MESSAGE);
}

/** What an attacker puts in a name (right-to-left override, isolate, mark, terminal escape): for input tests. */
export const UNSAFE_TEXT_SAMPLES: readonly string[] = [
  'invoice\u202Efdp.exe',
  'Shop \u2067admin\u2069',
  'Seller\u200F',
  'clear\u001b[2J',
];
