import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { currentContext } from '@marketplace/tenancy';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  /** pino level name; default `info`. */
  level?: string;
  /** Where lines go; default stdout. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'apiKey',
];

/** Paths pino censors: sensitive keys at the top level, one level down, and in request/response headers. */
export const REDACTED_PATHS: readonly string[] = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  ...['authorization', 'cookie', 'set-cookie', 'x-api-key'].flatMap((header) => [
    `headers["${header}"]`,
    `*.headers["${header}"]`,
  ]),
];

/** tenantId, userId, traceId and cross-tenant operation of the unit of work the line is written for. */
function requestContextFields(): Record<string, string> {
  const context = currentContext();
  if (!context) return {};
  const fields: Record<string, string> = {};
  if (context.tenantId) fields.tenantId = context.tenantId;
  if (context.userId) fields.userId = context.userId;
  if (context.traceId) fields.traceId = context.traceId;
  if (context.crossTenant) fields.crossTenant = context.crossTenant;
  return fields;
}

/** JSON lines with `service`, an ISO time, a textual level and the request context of the caller. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: requestContextFields,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const PINO_LEVEL: Record<NestLevel, 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal'> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * Nest's own logs (bootstrap, route mapping, errors Nest catches) written through pino, so every line of a
 * service is JSON. Nest passes `(message, ...params)` where the last string param is the context name and,
 * for `error`, a preceding string is the stack.
 */
export class NestPinoLogger implements LoggerService {
  constructor(readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLevel, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest.at(-1) === 'string') fields.context = rest.pop();
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n'))
      fields.stack = rest.shift();
    if (rest.length > 0) fields.params = rest;

    const log = this.logger[PINO_LEVEL[level]].bind(this.logger);
    if (message instanceof Error) log({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) log({ ...fields, ...message });
    else log(fields, String(message));
  }
}
