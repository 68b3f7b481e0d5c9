import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Smoke tests read the same connection settings as `stack env`: the environment wins, defaults.env
// fills the gaps, so `jest` works both after `eval "$(stack env)"` and on its own.
const defaults = new Map(
  readFileSync(join(__dirname, '..', 'defaults.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line): [string, string] => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

export function stackEnv(name: string): string {
  const value = process.env[name] || defaults.get(name);
  if (!value) throw new Error(`${name} is not set and has no default in platform/stack/defaults.env`);
  return value;
}
