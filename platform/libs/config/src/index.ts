export { ConfigError, EXIT_CONFIG, loadConfig, loadConfigOrExit } from './load-config';
export type { ConfigProblem, Env } from './load-config';
export {
  notLocalSecret,
  notLoopback,
  notOneOf,
  productionGuard,
  productionRulesOf,
} from './production-guards';
export type { ProductionRule } from './production-guards';
export { bool, hostPort, int, list, oneOf, port, secret, str, url } from './fields';
export type { IntRange } from './fields';
export {
  LOCAL_STACK_SECRETS,
  LOG_LEVELS,
  kafkaSettings,
  keycloakClientSecret,
  keycloakSettings,
  mongoSettings,
  mysqlSettings,
  redisSettings,
  s3Settings,
  serviceSettings,
} from './settings';
export type { LogLevel } from './settings';
