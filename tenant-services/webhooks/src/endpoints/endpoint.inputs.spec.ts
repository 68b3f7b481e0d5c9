import { UNSAFE_TEXT_MESSAGE, UNSAFE_TEXT_SAMPLES } from '@marketplace/contracts';
import type { z } from 'zod';
import { createEndpointSchema } from './endpoint.inputs';

describe('webhook endpoint inputs refuse bidi and control characters', () => {
  it.each<[string, z.ZodType, (text: string) => object, string[]]>([
    ['description', createEndpointSchema, (text) => ({ description: text }), ['description']],
  ])('%s', (_field, schema, input, path) => {
    for (const sample of UNSAFE_TEXT_SAMPLES) {
      const issues = schema.safeParse(input(sample)).error?.issues ?? [];
      expect(issues.map((issue) => [issue.path.map(String), issue.message])).toContainEqual([path, UNSAFE_TEXT_MESSAGE]);
    }
  });
});
