import { UNSAFE_TEXT_MESSAGE, UNSAFE_TEXT_SAMPLES } from '@marketplace/contracts';
import type { z } from 'zod';
import { apiClientNameSchema } from '../api-clients/api-client.inputs';
import { reasonedChangeSchema, signUpSellerSchema, tenantSettingsSchema } from './tenant.inputs';

describe('tenants inputs refuse bidi and control characters in names and texts', () => {
  it.each<[string, z.ZodType, (text: string) => object, string[]]>([
    ['seller sign-up name', signUpSellerSchema, (text) => ({ name: text }), ['name']],
    ['store name', tenantSettingsSchema, (text) => ({ name: text }), ['name']],
    ['store description', tenantSettingsSchema, (text) => ({ description: text }), ['description']],
    ['suspension reason', reasonedChangeSchema, (text) => ({ reason: text }), ['reason']],
    ['API client name', apiClientNameSchema, (text) => text as unknown as object, []],
  ])('%s', (_field, schema, input, path) => {
    for (const sample of UNSAFE_TEXT_SAMPLES) {
      const issues = schema.safeParse(input(sample)).error?.issues ?? [];
      expect(issues.map((issue) => [issue.path.map(String), issue.message])).toContainEqual([path, UNSAFE_TEXT_MESSAGE]);
    }
  });
});
