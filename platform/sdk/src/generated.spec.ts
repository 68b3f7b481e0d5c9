import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';

const SDK_DIR = join(__dirname, '..');

describe('the SDK', () => {
  it('is generated from a valid OpenAPI 3.1 document', async () => {
    const document = JSON.parse(await readFile(join(SDK_DIR, 'openapi.json'), 'utf8')) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  // openapi-typescript loads ESM-only modules, so the generator runs as its own process, as developers run it.
  it('is not stale: its types are what openapi.json generates (pnpm --filter @marketplace/sdk generate)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@marketplace/ts-register', 'scripts/generate.ts', '--check'],
      { cwd: SDK_DIR },
    );
    expect(stdout).toContain('the SDK types match openapi.json');
  }, 60_000);
});
