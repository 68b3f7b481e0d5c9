import { UNSAFE_TEXT_MESSAGE, UNSAFE_TEXT_SAMPLES } from '@marketplace/contracts';
import type { z } from 'zod';
import { adjustStockSchema, createLocationSchema } from './stock.inputs';

describe('inventory inputs refuse bidi and control characters in names and texts', () => {
  it.each<[string, z.ZodType, (text: string) => object, string[]]>([
    ['adjustment reason', adjustStockSchema, (text) => ({ reason: text }), ['reason']],
    ['location name', createLocationSchema, (text) => ({ name: text }), ['name']],
  ])('%s', (_field, schema, input, path) => {
    for (const sample of UNSAFE_TEXT_SAMPLES) {
      const issues = schema.safeParse(input(sample)).error?.issues ?? [];
      expect(issues.map((issue) => [issue.path.map(String), issue.message])).toContainEqual([path, UNSAFE_TEXT_MESSAGE]);
    }
  });
});
