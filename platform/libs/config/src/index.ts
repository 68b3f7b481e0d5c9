export { ConfigError, EXIT_CONFIG, loadConfig, loadConfigOrExit } from './load-config';
export type { ConfigProblem, Env } from './load-config';
export { bool, hostPort, int, list, oneOf, port, secret, str, url } from './fields';
export type { IntRange } from './fields';
export {
  LOG_LEVELS,
  kafkaSettings,
  keycloakSettings,
  mongoSettings,
  mysqlSettings,
  redisSettings,
  s3Settings,
  serviceSettings,
} from './settings';
export type { LogLevel } from './settings';
