import { UNSAFE_TEXT_MESSAGE, UNSAFE_TEXT_SAMPLES } from '@marketplace/contracts';
import type { z } from 'zod';
import { optionalReason } from '@marketplace/audit';
import { replySchema, reportReasonSchema, reviewContentSchema } from './review.inputs';

describe('reviews inputs refuse bidi and control characters in titles and texts', () => {
  it.each<[string, z.ZodType, (text: string) => object, string[]]>([
    ['title', reviewContentSchema, (text) => ({ title: text }), ['title']],
    ['text', reviewContentSchema, (text) => ({ text }), ['text']],
    ['seller reply', replySchema, (text) => text as unknown as object, []],
    ['report reason', reportReasonSchema, (text) => text as unknown as object, []],
    ['admin reason (libs/audit)', optionalReason, (text) => text as unknown as object, []],
  ])('%s', (_field, schema, input, path) => {
    for (const sample of UNSAFE_TEXT_SAMPLES) {
      const issues = schema.safeParse(input(sample)).error?.issues ?? [];
      expect(issues.map((issue) => [issue.path.map(String), issue.message])).toContainEqual([path, UNSAFE_TEXT_MESSAGE]);
    }
  });
});
