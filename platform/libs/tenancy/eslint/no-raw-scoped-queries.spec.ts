import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
const RULE = 'marketplace/no-raw-scoped-queries';

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}

/** Runs the repository's own ESLint configuration (the CLI, as CI does) on one fixture. */
async function lint(fixture: string): Promise<LintMessage[]> {
  const eslint = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const run = promisify(execFile);
  const output = await run(process.execPath, [eslint, '--no-ignore', '-f', 'json', join(FIXTURES, fixture)], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const [result] = JSON.parse(output) as { messages: LintMessage[] }[];
  return result!.messages;
}

/** The lines of a fixture marked `// flagged`. */
function flaggedLines(fixture: string): number[] {
  return readFileSync(join(FIXTURES, fixture), 'utf8')
    .split('\n')
    .flatMap((line, index) => (line.includes('// flagged') ? [index + 1] : []));
}

describe('eslint rule no-raw-scoped-queries', () => {
  it('fails on raw queries against tenant and buyer tables and collections outside repositories', async () => {
    const messages = await lint('raw-queries.ts');
    const flagged = messages.filter((message) => message.ruleId === RULE);
    expect(flagged.map((message) => message.line).sort((a, b) => a - b)).toEqual(
      flaggedLines('raw-queries.ts'),
    );
    expect(flagged.map((message) => message.message).join('\n')).toMatch(/tenantId[\s\S]*buyerId/);
    expect(messages.filter((message) => message.ruleId !== RULE)).toEqual([]);
  }, 180_000);

  it('leaves access through the scoped repositories and collections alone', async () => {
    expect(await lint('scoped-queries.ts')).toEqual([]);
  }, 180_000);
});
