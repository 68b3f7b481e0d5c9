import { UNSAFE_TEXT_MESSAGE, UNSAFE_TEXT_SAMPLES } from '@marketplace/contracts';
import type { z } from 'zod';
import { createCategorySchema } from '../categories/category.model';
import { csvProductRowSchema } from '../imports/csv-product-row';
import { createProductSchema, updateProductSchema } from './product.inputs';

describe('catalog inputs refuse bidi and control characters in names and texts', () => {
  it.each<[string, z.ZodType, (text: string) => object, string[]]>([
    ['product title', createProductSchema, (text) => ({ title: text }), ['title']],
    ['product description', createProductSchema, (text) => ({ description: text }), ['description']],
    [
      'attribute name',
      createProductSchema,
      (text) => ({ attributes: [{ name: text, value: 'x' }] }),
      ['attributes', '0', 'name'],
    ],
    [
      'option value',
      updateProductSchema,
      (text) => ({ options: [{ name: 'size', values: [text] }] }),
      ['options', '0', 'values', '0'],
    ],
    ['category name', createCategorySchema, (text) => ({ name: text }), ['name']],
    ['CSV title', csvProductRowSchema, (text) => ({ title: text }), ['title']],
  ])('%s', (_field, schema, input, path) => {
    for (const sample of UNSAFE_TEXT_SAMPLES) {
      const issues = schema.safeParse(input(sample)).error?.issues ?? [];
      expect(issues.map((issue) => [issue.path.map(String), issue.message])).toContainEqual([
        path,
        UNSAFE_TEXT_MESSAGE,
      ]);
    }
  });

  it('keeps multi-line descriptions and every script', () => {
    const issues =
      createProductSchema.safeParse({ title: 'متجر 東京', description: 'Line one\nLine two' }).error
        ?.issues ?? [];
    expect(issues.filter((issue) => issue.message === UNSAFE_TEXT_MESSAGE)).toEqual([]);
  });
});
