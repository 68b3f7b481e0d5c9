import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { readCommittedDocument, SCHEMA_FILE, schemaSource } from '../scripts/schema-source';

describe('the SDK', () => {
  it('is generated from a valid OpenAPI 3.1 document', async () => {
    const document = await readCommittedDocument();
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('is not stale: its types are what openapi.json generates (pnpm --filter @marketplace/sdk generate)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(await schemaSource(await readCommittedDocument()));
  });
});
