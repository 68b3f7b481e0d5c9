import { safeText } from '@marketplace/contracts';
import { z } from 'zod';
import { IMAGE_ALT_MAX } from '../products/product.inputs';
import { displayText } from '../shared/display-text';
import { amountMinorSchema, currencySchema } from '../shared/money';

/** Columns of the product CSV: one row = one product with one variant. */
export const CSV_COLUMNS = [
  'title',
  'description',
  'category',
  'currency',
  'sku',
  'price_minor',
  'compare_at_minor',
  'attributes',
  'images',
  'image_alts',
  'status',
] as const;
export const REQUIRED_COLUMNS = ['title', 'currency', 'sku', 'price_minor'] as const;

const integerCell = (schema: z.ZodNumber) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer amount in minor units')
    .transform(Number)
    .pipe(schema);
/** An optional cell: empty means absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((cell) => (typeof cell === 'string' ? cell.trim() || undefined : cell), schema.optional());

/** `name=value;name=value` */
const attributesCell = z.string().transform((cell, ctx) =>
  cell
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=').trim();
      if (!name?.trim() || !value) ctx.addIssue({ code: 'custom', message: `"${pair}" is not name=value` });
      return { name: (name ?? '').trim(), value };
    }),
);

export const csvProductRowSchema = z.object({
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
  attributes: optional(attributesCell),
  images: optional(
    z.string().transform((cell) =>
      cell
        .split('|')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ),
  /**
   * Alt text of each image, in the order of `images` and separated by "|" like the ids (so an alt text holds no
   * "|"); an empty entry is an image without one. The product's own check wants exactly one per image.
   */
  image_alts: optional(
    z
      .string()
      .transform((cell) => cell.split('|').map((alt) => alt.trim()))
      .pipe(z.array(displayText(IMAGE_ALT_MAX)).max(20, 'at most 20 alt texts, one per image')),
  ),
  status: optional(z.enum(['draft', 'published'])),
});
export type CsvProductRow = z.output<typeof csvProductRowSchema>;
