import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const stackRoot = join(__dirname, '..');
const stackScript = join(stackRoot, 'stack');

const defaults = new Map(
  readFileSync(join(stackRoot, 'defaults.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line): [string, string] => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const SWITCHES = [
  'MYSQL_URL',
  'REDIS_URL',
  'KAFKA_BROKERS',
  'MONGODB_URL',
  'S3_ENDPOINT',
  'STRIPE_API_BASE',
  'SMTP_URL',
  'KEYCLOAK_URL',
  'OPENSEARCH_URL',
];

// `npm test` exports the defaults through `stack env`; handed on unchanged they would make the CLI
// treat our own local servers as external ones. A value that differs from the default is external.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key, value]) => !(SWITCHES.includes(key) && value === defaults.get(key)),
  ),
);
const mariadbExternal = childEnv.MYSQL_URL !== undefined;

// Lines the server modules log only when they install, initialise or provision something new.
const INSTALL_ACTIVITY = /installing|fetching|first run only|initialising|formatting|created topic/i;

async function stack(...args: string[]): Promise<{ stdout: string; stderr: string; seconds: number }> {
  const started = process.hrtime.bigint();
  const { stdout, stderr } = await run(stackScript, args, { env: childEnv, timeout: 120_000 });
  return { stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function states(statusOutput: string): Map<string, string> {
  return new Map(
    statusOutput
      .trim()
      .split('\n')
      .map((line): [string, string] => {
        const [name = '', state = ''] = line.split(/\s+/);
        return [name, state];
      }),
  );
}

describe('stack CLI (local stack)', () => {
  beforeAll(async () => {
    await stack('up', 'mariadb', 'kafka');
  }, 180_000);

  it('prints one up/down line per server, each backed by a server module', async () => {
    const modules = readdirSync(join(stackRoot, 'servers'))
      .filter((file) => file.endsWith('.sh'))
      .map((file) => file.replace(/\.sh$/, ''));

    const { stdout } = await stack('status');

    const lines = stdout.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^[a-z0-9]+\s+(up|down)\s/);
    const names = [...states(stdout).keys()];
    expect(names).toHaveLength(lines.length);
    expect(modules).toEqual(expect.arrayContaining(names));
    expect(names).toEqual(expect.arrayContaining(['mariadb', 'redis', 'kafka']));
  });

  it('does nothing but check and print status when everything is already installed and running', async () => {
    const { stdout, stderr, seconds } = await stack('up', 'mariadb', 'kafka');

    console.log(`second "stack up mariadb kafka" took ${seconds.toFixed(1)} s`);
    expect(stderr).not.toMatch(INSTALL_ACTIVITY);
    expect(Object.fromEntries(states(stdout))).toEqual({ mariadb: 'up', kafka: 'up' });
  }, 120_000);

  it(
    mariadbExternal
      ? 'leaves an external mariadb alone on down'
      : 'stops only the named server and brings it back',
    async () => {
      try {
        await stack('down', 'mariadb');
        const afterDown = states((await stack('status')).stdout);
        expect(afterDown.get('mariadb')).toBe(mariadbExternal ? 'up' : 'down');
        expect(afterDown.get('kafka')).toBe('up');

        const { stdout, stderr } = await stack('up', 'mariadb');
        expect(stderr).not.toMatch(INSTALL_ACTIVITY);
        expect(states(stdout).get('mariadb')).toBe('up');
      } finally {
        // Other engineers' tests use this server: it must be up again whatever failed above.
        await stack('up', 'mariadb');
      }
    },
    180_000,
  );
});
