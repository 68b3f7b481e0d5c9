import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Schemathesis (MIT, PyPI), pinned: installed once into its own venv under $STACK_CACHE (ADR 0040). */
export const SCHEMATHESIS_VERSION = '4.32.5';

const COMMON_SH = join(__dirname, '..', '..', 'stack', 'lib', 'common.sh');

/** The `schemathesis` executable, installed by the stack's `venv_install` on first use. */
export async function schemathesisBinary(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'bash',
    ['-c', `. "$1" && venv_install schemathesis "$2"`, 'venv_install', COMMON_SH, SCHEMATHESIS_VERSION],
    { timeout: 600_000 },
  );
  return join(stdout.trim().split('\n').pop()!, 'schemathesis');
}

export interface FuzzRun {
  /** An OpenAPI document's URL or a GraphQL endpoint (introspected). */
  location: string;
  /** Base URL the operations are called on (OpenAPI). */
  baseUrl?: string;
  token: string;
  /** Seconds the run may take; fuzzing repeats until they are spent. */
  maxSeconds: number;
  maxExamples: number;
  checks: string[];
}

/** Runs `schemathesis run` once; resolves with its exit code and the end of its output. */
export async function runSchemathesis(
  binary: string,
  run: FuzzRun,
): Promise<{ code: number; output: string }> {
  const args = [
    'run',
    run.location,
    ...(run.baseUrl ? ['--url', run.baseUrl] : []),
    '--header',
    `Authorization: Bearer ${run.token}`,
    '--checks',
    run.checks.join(','),
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    String(run.maxExamples),
    '--max-time',
    String(run.maxSeconds),
    '--workers',
    '2',
    '--request-timeout',
    '20',
    '--suppress-health-check',
    'all',
    '--output-truncate',
    'true',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Findings in a run's output that are not part of the API's contract. GraphQL answers refusals (FORBIDDEN,
 * NOT_FOUND, BAD_USER_INPUT) as errors, which Schemathesis reports as ST113 for every one: those count only
 * when the error is an internal one. `accepted` lists finding texts known and reported (issue 18's report).
 */
export function unexpectedFindings(output: string, accepted: string[] = []): string[] {
  const findings: string[] = [];
  for (const match of output.matchAll(/\[(5\d\d)\] [^\n]*/g)) findings.push(`HTTP ${match[1]}`);
  if (output.includes('INTERNAL_SERVER_ERROR')) findings.push('an INTERNAL_SERVER_ERROR answer');
  const lines = output.split('\n');
  let operation = '';
  lines.forEach((line, index) => {
    const header = /^\s*_{3,} (.+?) _{3,}\s*$/.exec(line);
    if (header) operation = header[1]!;
    const finding = /^\s*- (ST\d+) (.+)$/.exec(line);
    if (!finding || finding[1] === 'ST113') return;
    const detail =
      lines
        .slice(index + 1)
        .find((next) => next.trim() !== '')
        ?.trim() ?? '';
    if (accepted.some((known) => detail.includes(known))) return;
    findings.push(`${operation}: ${finding[1]} ${finding[2]}: ${detail}`);
  });
  return [...new Set(findings)];
}
