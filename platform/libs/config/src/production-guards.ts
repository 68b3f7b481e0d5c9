import { z } from 'zod';

/**
 * Production guards: a setting opts in with `productionGuard(field, ...rules)`, and `loadConfig` applies its
 * rules to the parsed value when NODE_ENV=production, refusing to start on a default secret, a loopback
 * dependency address or a test-only setting. A rule answers why it refuses a value (never quoting a secret)
 * or undefined. The guard may wrap the field before or after `.default()` / `.optional()`.
 */
export type ProductionRule = (value: unknown) => string | undefined;

const guards = z.registry<{ rules: readonly ProductionRule[] }>();

export function productionGuard<S extends z.ZodType>(schema: S, ...rules: ProductionRule[]): S {
  guards.add(schema, { rules: [...(guards.get(schema)?.rules ?? []), ...rules] });
  return schema;
}

/** The rules of a field, including those registered on the schema a default, optional or pipe wraps. */
export function productionRulesOf(schema: z.ZodType): ProductionRule[] {
  const own = guards.get(schema)?.rules ?? [];
  const def = schema._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
  const inner = def.innerType ?? def.in;
  return [...own, ...(inner ? productionRulesOf(inner) : [])];
}

const LOOPBACK_NAMES = new Set(['localhost', '0.0.0.0', '::1', '::', '[::1]', '[::]']);

function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name);
}

function hostOf(text: string): string | undefined {
  if (URL.canParse(text) && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return new URL(text).hostname;
  const hostPort = /^([^\s:/]+):\d{1,5}$/.exec(text);
  return hostPort?.[1];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Refuses URLs, `host:port` entries and lists of them that point at a loopback address. */
export function notLoopback(): ProductionRule {
  return (value) => {
    const hosts = stringsIn(value)
      .map(hostOf)
      .filter((host): host is string => host !== undefined && isLoopbackHost(host));
    return hosts.length > 0 ? `points at a loopback address (${[...new Set(hosts)].join(', ')})` : undefined;
  };
}

/** Refuses the listed values of a test-only setting; `what` says what the value means. */
export function notOneOf(values: readonly unknown[], what: string): ProductionRule {
  return (value) => (values.includes(value) ? `${what} is for tests and local runs only` : undefined);
}

/**
 * Refuses the local stack's well-known secrets, given as the value itself or as the password of a URL
 * (mysql://user:<secret>@host). The message never contains the value.
 */
export function notLocalSecret(...localValues: readonly string[]): ProductionRule {
  return (value) => {
    if (typeof value !== 'string') return undefined;
    const password = URL.canParse(value) ? decodeURIComponent(new URL(value).password) : '';
    return localValues.includes(value) || (password !== '' && localValues.includes(password))
      ? 'is a local development default secret; set this environment’s own'
      : undefined;
  };
}
