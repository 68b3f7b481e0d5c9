// The product CSV format, shared by the catalog's import (tenant-services/catalog/src/imports) and the seller
// portal's export, so that an exported file imports back to the same products. Browser-safe: no imports.

/**
 * Columns of the product CSV. One row per variant; rows with the same `product` key form one product (its
 * product-level cells are read from its first row), a row without one is a product of its own.
 */
export const PRODUCT_CSV_COLUMNS = [
  'product',
  'title',
  'description',
  'category',
  'currency',
  'sku',
  'price_minor',
  'compare_at_minor',
  'attributes',
  'options',
  'option_values',
  'images',
  'image_alts',
  'status',
] as const;
export type ProductCsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];
export const PRODUCT_CSV_REQUIRED_COLUMNS = ['title', 'currency', 'sku', 'price_minor'] as const;

/**
 * A cell a spreadsheet would run as a formula (= + - @ first) is written with a leading apostrophe (the portal's
 * CSV files); the import reads it without.
 */
export function unguardCsvCell(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * Inside a cell, `;` separates pairs, `=` a name from its value and `|` list entries; a backslash keeps the next
 * character as it is (`\;`, `\=`, `\|`, `\\`).
 */
const SPECIAL = /[\\;=|]/g;

/** A name, value or list entry written into a structured cell, its separators escaped. */
export function escapeCsvPart(text: string): string {
  return text.replace(SPECIAL, (char) => `\\${char}`);
}

/** A part read from a structured cell, its escapes removed. */
export function unescapeCsvPart(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Splits a cell on `separator` where it is not escaped; the parts keep their escapes for the next level. */
export function splitCsvCell(cell: string, separator: ';' | '=' | '|'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const char = cell[i]!;
    if (char === '\\' && i + 1 < cell.length) {
      current += char + cell[i + 1]!;
      i += 1;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** `name=value;name=value` (attributes, a variant's option values). */
export function formatCsvPairs(pairs: readonly { name: string; value: string }[]): string {
  return pairs.map((pair) => `${escapeCsvPart(pair.name)}=${escapeCsvPart(pair.value)}`).join(';');
}

/** `a|b|c` (image ids, alt texts: an empty entry stays one). */
export function formatCsvList(entries: readonly string[]): string {
  return entries.map(escapeCsvPart).join('|');
}

/** `Size=S|M|L;Colour=Black|Red` (a product's options with their values in order). */
export function formatCsvOptions(options: readonly { name: string; values: readonly string[] }[]): string {
  return options.map((option) => `${escapeCsvPart(option.name)}=${formatCsvList(option.values)}`).join(';');
}

/** The parts of a pair cell as written (trimmed, empty pairs left out); `problems` gets each malformed one. */
export function parseCsvPairs(cell: string, problems: string[] = []): { name: string; value: string }[] {
  return splitCsvCell(cell, ';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const [name = '', ...rest] = splitCsvCell(pair, '=');
      const parsed = { name: unescapeCsvPart(name).trim(), value: unescapeCsvPart(rest.join('=')).trim() };
      if (!parsed.name || !parsed.value) problems.push(`"${pair}" is not name=value`);
      return parsed;
    });
}

/** The entries of a list cell, trimmed (empty ones kept: an image without alt text). */
export function parseCsvList(cell: string): string[] {
  return splitCsvCell(cell, '|').map((entry) => unescapeCsvPart(entry).trim());
}

/** The options of an options cell; `problems` gets each malformed one. */
export function parseCsvOptions(cell: string, problems: string[] = []): { name: string; values: string[] }[] {
  return splitCsvCell(cell, ';')
    .map((option) => option.trim())
    .filter((option) => option.length > 0)
    .map((option) => {
      const [name = '', ...rest] = splitCsvCell(option, '=');
      const values = parseCsvList(rest.join('=')).filter(Boolean);
      const parsed = { name: unescapeCsvPart(name).trim(), values };
      if (!parsed.name || values.length === 0) problems.push(`"${option}" is not name=value|value`);
      return parsed;
    });
}

/** What the export needs of a product (the seller's own product as the catalog answers it). */
export interface ProductCsvSource {
  id: string;
  title: string;
  description: string;
  categoryId: string | null;
  currency: string;
  status: string;
  attributes: readonly { name: string; value: string }[];
  options: readonly { name: string; values: readonly string[] }[];
  variants: readonly {
    sku: string;
    priceMinor: number;
    compareAtMinor?: number | null;
    optionValues: readonly { name: string; value: string }[];
  }[];
  images: readonly string[];
  imageAlts: readonly string[];
}

/** One row per variant, every column the import reads, the product-level cells repeated on each row. */
export function productCsvRows(product: ProductCsvSource): Record<ProductCsvColumn, string>[] {
  const shared = {
    product: product.id,
    title: product.title,
    description: product.description,
    category: product.categoryId ?? '',
    currency: product.currency,
    attributes: formatCsvPairs(product.attributes),
    options: formatCsvOptions(product.options),
    images: formatCsvList(product.images),
    image_alts: product.images.length
      ? formatCsvList(product.images.map((_, i) => product.imageAlts[i] ?? ''))
      : '',
    status: product.status.toLowerCase(),
  };
  return product.variants.map((variant) => ({
    ...shared,
    sku: variant.sku,
    price_minor: String(variant.priceMinor),
    compare_at_minor: variant.compareAtMinor == null ? '' : String(variant.compareAtMinor),
    option_values: formatCsvPairs(variant.optionValues),
  }));
}
