import { UNSAFE_TEXT_MESSAGE, UNSAFE_TEXT_SAMPLES } from '@marketplace/contracts';
import type { z } from 'zod';
import { shippingAddressSchema } from '../checkout/checkout.inputs';
import { refundRequestSchema } from '../refunds/refund-request.inputs';
import { shipmentSchema } from './order.inputs';

describe('orders inputs refuse bidi and control characters in names and texts', () => {
  it.each<[string, z.ZodType, (text: string) => object, string[]]>([
    ['recipient name', shippingAddressSchema, (text) => ({ name: text }), ['name']],
    ['address line', shippingAddressSchema, (text) => ({ line2: text }), ['line2']],
    ['carrier', shipmentSchema, (text) => ({ carrier: text }), ['carrier']],
    ['refund reason', refundRequestSchema, (text) => ({ reason: text }), ['reason']],
  ])('%s', (_field, schema, input, path) => {
    for (const sample of UNSAFE_TEXT_SAMPLES) {
      const issues = schema.safeParse(input(sample)).error?.issues ?? [];
      expect(issues.map((issue) => [issue.path.map(String), issue.message])).toContainEqual([path, UNSAFE_TEXT_MESSAGE]);
    }
  });
});
