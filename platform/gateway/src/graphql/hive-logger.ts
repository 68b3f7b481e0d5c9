import { Logger as HiveLogger, type LogLevel } from '@graphql-hive/logger';
import type { Logger } from '@marketplace/observability';

const HIVE_LEVELS = new Set<string>(['trace', 'debug', 'info', 'warn', 'error']);

/** Hive Gateway's own log lines written through the service's pino logger, so every line is the same JSON. */
export function hiveLoggerOf(logger: Logger): HiveLogger {
  const level = logger.level === 'fatal' ? 'error' : logger.level;
  return new HiveLogger({
    level: HIVE_LEVELS.has(level) ? (level as LogLevel) : false,
    writers: [
      {
        write(writeLevel, attrs, msg) {
          const fields = Array.isArray(attrs) ? { attrs } : (attrs ?? {});
          logger[writeLevel]({ component: 'hive-gateway', ...fields }, msg ?? '');
        },
      },
    ],
  });
}
