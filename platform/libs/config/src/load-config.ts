import { z } from 'zod';
import { productionRulesOf } from './production-guards';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigProblem {
  variable: string;
  reason: string;
}

/**
 * Thrown when the environment does not satisfy a schema, or (NODE_ENV=production) holds a setting a
 * production guard refuses; the message names every bad variable.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    kind: 'invalid' | 'unsafe' = 'invalid',
  ) {
    const count = `${problems.length} environment variable${problems.length === 1 ? ' is' : 's are'}`;
    super(
      (kind === 'invalid'
        ? `Invalid configuration: ${count} missing or malformed:\n`
        : `Refused configuration: NODE_ENV=production and ${count} not safe for production:\n`) +
        problems.map((p) => `  - ${p.variable}: ${p.reason}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** EX_CONFIG from sysexits.h: the orchestrator sees a configuration failure, not a crash. */
export const EXIT_CONFIG = 78;

const REDACTED = '[redacted]';

// Values are never part of a message; this guards messages written by custom zod schemas too.
function withoutValue(message: string, raw: string | undefined): string {
  if (raw === undefined || raw.trim().length < 4) return message;
  return message.split(raw).join(REDACTED).split(raw.trim()).join(REDACTED);
}

function describeIssue(issue: z.core.$ZodIssue, raw: string | undefined): string {
  const message = withoutValue(issue.message, raw);
  const item = typeof issue.path[1] === 'number' ? `item ${issue.path[1] + 1}: ` : '';
  const detail = message.startsWith('expected ')
    ? `(${item}${message})`
    : `(${item}${message.charAt(0).toLowerCase()}${message.slice(1)})`;
  return `${raw === undefined ? 'missing' : 'malformed'} ${detail}`;
}

/**
 * Parse the variables named by `schema`'s keys from `env`. Empty values count as unset so that defaults
 * apply to `NAME=` lines. Throws `ConfigError` listing every missing or malformed variable and, when
 * NODE_ENV is production, every value a field's production guard refuses (defaults included).
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): z.output<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    input[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) {
    refuseUnsafeInProduction(schema, result.data as Record<string, unknown>, env);
    return result.data;
  }

  const reasons = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const variable = issue.path.length > 0 ? String(issue.path[0]) : '(configuration)';
    const reason = describeIssue(issue, input[variable]);
    const known = reasons.get(variable) ?? [];
    if (!known.includes(reason)) known.push(reason);
    reasons.set(variable, known);
  }
  throw new ConfigError([...reasons].map(([variable, list]) => ({ variable, reason: list.join('; ') })));
}

function refuseUnsafeInProduction(schema: z.ZodObject, config: Record<string, unknown>, env: Env): void {
  const nodeEnv = 'NODE_ENV' in config ? config.NODE_ENV : env.NODE_ENV?.trim();
  if (nodeEnv !== 'production') return;
  const problems: ConfigProblem[] = [];
  for (const [variable, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const reasons = productionRulesOf(field)
      .map((rule) => rule(config[variable]))
      .filter((reason): reason is string => reason !== undefined);
    if (reasons.length > 0)
      problems.push({ variable, reason: `refused in production: ${reasons.join('; ')}` });
  }
  if (problems.length > 0) throw new ConfigError(problems, 'unsafe');
}

/** `loadConfig`, but a bad environment prints the problems to stderr and exits with code 78. */
export function loadConfigOrExit<S extends z.ZodObject>(schema: S, env: Env = process.env): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
}
