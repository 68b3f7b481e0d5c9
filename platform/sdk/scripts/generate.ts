import { readFile, writeFile } from 'node:fs/promises';
import {
  DOCUMENT_FILE,
  documentText,
  readCommittedDocument,
  SCHEMA_FILE,
  schemaSource,
} from './schema-source';

/**
 * `pnpm --filter @marketplace/sdk generate [-- --from <gateway url>]`: with `--from`, first saves the merged
 * OpenAPI document of a running gateway (e.g. `npm start`'s, http://127.0.0.1:4000) as openapi.json; then
 * writes the SDK's types from openapi.json. `--check` writes nothing and exits 1 when the types are stale.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const expected = await schemaSource(await readCommittedDocument());
    if ((await readFile(SCHEMA_FILE, 'utf8')) !== expected) {
      process.stderr.write(`${SCHEMA_FILE} is stale: run pnpm --filter @marketplace/sdk generate\n`);
      process.exit(1);
    }
    process.stdout.write('the SDK types match openapi.json\n');
    return;
  }
  const fromIndex = process.argv.indexOf('--from');
  if (fromIndex >= 0) {
    const gateway = process.argv[fromIndex + 1];
    if (!gateway) throw new Error('--from needs the gateway URL');
    const response = await fetch(`${gateway.replace(/\/$/, '')}/openapi.json`);
    if (!response.ok) throw new Error(`${gateway}/openapi.json answered HTTP ${response.status}`);
    await writeFile(DOCUMENT_FILE, documentText(await response.json()));
    process.stdout.write(`wrote ${DOCUMENT_FILE}\n`);
  }
  await writeFile(SCHEMA_FILE, await schemaSource(await readCommittedDocument()));
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
