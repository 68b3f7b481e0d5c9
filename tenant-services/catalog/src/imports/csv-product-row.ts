import {
  parseCsvList,
  parseCsvOptions,
  parseCsvPairs,
  PRODUCT_CSV_COLUMNS,
  PRODUCT_CSV_REQUIRED_COLUMNS,
  safeText,
} from '@marketplace/contracts';
import { z } from 'zod';
import { IMAGE_ALT_MAX } from '../products/product.inputs';
import { displayText } from '../shared/display-text';
import { amountMinorSchema, currencySchema } from '../shared/money';

/**
 * Columns of the product CSV (shared with the seller portal's export, `@marketplace/contracts`): one row per
 * variant; rows with the same `product` key are one product, a row without one a product of its own.
 */
export const CSV_COLUMNS = PRODUCT_CSV_COLUMNS;
export const REQUIRED_COLUMNS = PRODUCT_CSV_REQUIRED_COLUMNS;

const integerCell = (schema: z.ZodNumber) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer amount in minor units')
    .transform(Number)
    .pipe(schema);
/** An optional cell: empty means absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((cell) => (typeof cell === 'string' ? cell.trim() || undefined : cell), schema.optional());

/** `name=value;name=value` (a backslash escapes `;`, `=`, `|` and itself). */
const pairsCell = z.string().transform((cell, ctx) => {
  const problems: string[] = [];
  const pairs = parseCsvPairs(cell, problems);
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
  return pairs;
});

/** `Size=S|M|L;Colour=Black|Red` */
const optionsCell = z.string().transform((cell, ctx) => {
  const problems: string[] = [];
  const options = parseCsvOptions(cell, problems);
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
  return options;
});

export const csvProductRowSchema = z.object({
  /** Rows with the same key are the variants of one product. */
  product: optional(z.string().max(100)),
  title: safeText().trim().min(1, 'is required').max(200),
  description: optional(safeText({ multiline: true }).max(5000)),
  category: optional(safeText().max(100)),
  currency: currencySchema,
  sku: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"'),
  price_minor: integerCell(amountMinorSchema),
  compare_at_minor: optional(integerCell(amountMinorSchema)),
  attributes: optional(pairsCell),
  /** The product's options and their values, in order (else the values its variants name, in order of use). */
  options: optional(optionsCell),
  /** This variant's value of each option: `Size=M;Colour=Red`. */
  option_values: optional(pairsCell),
  images: optional(z.string().transform((cell) => parseCsvList(cell).filter(Boolean))),
  /**
   * Alt text of each image, in the order of `images` and separated by "|" like the ids (so an alt text holds no
   * "|"); an empty entry is an image without one. The product's own check wants exactly one per image.
   */
  image_alts: optional(
    z
      .string()
      .transform((cell) => parseCsvList(cell))
      .pipe(z.array(displayText(IMAGE_ALT_MAX)).max(20, 'at most 20 alt texts, one per image')),
  ),
  status: optional(z.enum(['draft', 'published', 'archived'])),
});
export type CsvProductRow = z.output<typeof csvProductRowSchema>;
