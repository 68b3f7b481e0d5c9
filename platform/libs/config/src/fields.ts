import { z } from 'zod';

/**
 * Field helpers for environment variables. Every variable arrives as a string (or is absent), so each
 * helper parses from a string and reports "expected ..." in words: the loader prefixes "missing" or
 * "malformed", and the raw value never appears in a message.
 */
const expecting = (what: string) => ({ error: `expected ${what}` });

export function str(what = 'a non-empty string') {
  return z.string(expecting(what)).trim().min(1, expecting(what));
}

/** A credential or key. Parsed like `str()`; named separately so schemas show which values are sensitive. */
export function secret() {
  return z.string(expecting('a non-empty secret')).min(1, expecting('a non-empty secret'));
}

export interface IntRange {
  min?: number;
  max?: number;
}

function describeInteger({ min, max }: IntRange): string {
  if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`;
  if (min !== undefined) return `an integer of at least ${min}`;
  if (max !== undefined) return `an integer of at most ${max}`;
  return 'an integer';
}

export function int(range: IntRange = {}) {
  const what = describeInteger(range);
  return z
    .string(expecting(what))
    .trim()
    .regex(/^[+-]?\d+$/, expecting(what))
    .transform(Number)
    .refine(
      (n) => Number.isSafeInteger(n) && (range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max),
      expecting(what),
    );
}

export function port() {
  return int({ min: 1, max: 65535 });
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

export function bool() {
  const what = 'a boolean (true/false, 1/0, yes/no, on/off)';
  return z
    .string(expecting(what))
    .trim()
    .toLowerCase()
    .refine((v) => TRUE_WORDS.has(v) || FALSE_WORDS.has(v), expecting(what))
    .transform((v) => TRUE_WORDS.has(v));
}

/**
 * An absolute URL, kept as a string because drivers take strings. `protocols` are scheme names without
 * "://" (e.g. `['mysql']`); when given, any other scheme is refused.
 */
export function url(protocols: readonly string[] = []) {
  const what = protocols.length === 0 ? 'an absolute URL' : `a ${protocols.map((p) => `${p}://`).join(' or ')} URL`;
  return z
    .string(expecting(what))
    .trim()
    .refine((value) => {
      if (!URL.canParse(value)) return false;
      const scheme = new URL(value).protocol.replace(/:$/, '');
      return protocols.length === 0 || protocols.includes(scheme);
    }, expecting(what));
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, expecting(`one of ${values.join(', ')}`));
}

/** `host:port`, as Kafka broker lists are written. */
export function hostPort() {
  const what = 'host:port';
  return z
    .string(expecting(what))
    .trim()
    .refine((v) => {
      const match = /^([^\s:/]+):(\d{1,5})$/.exec(v);
      return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
    }, expecting(what));
}

/**
 * A comma-separated list; blanks around items and empty items are dropped. Each item is checked with
 * `item` (default: non-empty string) and the list must hold at least `min` items (default 1).
 */
export function list<Item extends z.ZodType<unknown, string>>(item?: Item, { min = 1 }: { min?: number } = {}) {
  const what = `a comma-separated list of at least ${min} item${min === 1 ? '' : 's'}`;
  const itemSchema = (item ?? str()) as Item;
  return z
    .string(expecting(what))
    .transform((v) =>
      v
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(itemSchema).min(min, expecting(what)));
}
