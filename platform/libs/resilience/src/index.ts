export { createPolicy, isCircuitOpenError, isRetryableError, isTimeoutError } from './policy';
export type {
  BreakerState,
  ExecuteOptions,
  PolicyEvent,
  PolicyEventListener,
  PolicyOptions,
  ResiliencePolicy,
} from './policy';
export { DEFAULT_CLIENT_POLICY, ServiceClient, traceparentFromContext } from './service-client';
export type { CallOptions, HttpMethod, QueryValue, ServiceClientOptions } from './service-client';
export {
  CircuitOpenError,
  InvalidResponseError,
  ServiceCallError,
  ServiceFailedError,
  ServiceRejectedError,
  ServiceTimeoutError,
  ServiceUnreachableError,
} from './errors';
export { ServiceTokenProvider, type ServiceTokenOptions, type ServicesClientSettings } from './service-token';
export { CapacityExceededError, concurrencyLimit } from './concurrency-limit';
export type { ConcurrencyLimit, ConcurrencyLimitOptions } from './concurrency-limit';
export { isOutageError } from './outage-errors';
