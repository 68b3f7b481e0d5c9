export { NestPinoLogger, REDACTED_PATHS, createLogger } from './logger';
export type { Logger, LoggerOptions } from './logger';
export { ServiceMetrics } from './metrics';
export { PeriodicJob } from './periodic-job';
export type { PeriodicJobOptions } from './periodic-job';
export type { GaugeConfig, PeriodicJobMetrics, RequestObservation } from './metrics';
export { ObservabilityModule } from './observability.module';
export { HealthController, MetricsController } from './health.controller';
export { DependencyProbe } from './dependency-probe';
export type { DependencyProbeOptions } from './dependency-probe';
export type { ObservabilityAsyncOptions } from './observability.module';
export type { ObservabilityOptions, ReadinessCheck } from './observability.options';
export { InjectLogger, LOGGER } from './tokens';
export { ObservabilityInterceptor } from './observability.interceptor';
export { ObservabilityExceptionFilter, PublicGraphQLError } from './exception.filter';
export {
  INTERNAL_ERROR_MESSAGE,
  UNAVAILABLE_MESSAGE,
  errorResponseOf,
  graphqlCodeOf,
} from './error-response';
export type { ErrorResponse } from './error-response';
export { newSpanId, newTraceId, parseTraceparent, traceIdOfRequest } from './trace-context';
export type { TraceParent } from './trace-context';
export { startTracing } from './tracing';
export type { TracingHandle, TracingOptions } from './tracing';
export { ConflictError, INVALID_CURSOR_MESSAGE, NotFoundError, ValidationError } from './errors';
export {
  PROBLEM_CONTENT_TYPE,
  REST_API_PREFIX,
  isRestApiPath,
  problemCodeOf,
  problemOf,
  problemOfErrorResponse,
  problemTitleOf,
} from './problem-details';
export type { ProblemDetails, ProblemFieldError } from './problem-details';
