import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { CircuitOpenError, ServiceCallError, ServiceTimeoutError, ServiceUnreachableError } from './errors';

/**
 * The one reading of "a store or a service this work needs is down" (ADR 0052): such a failure is answered 503
 * SERVICE_UNAVAILABLE (the caller may repeat the request), does not cancel an interrupted checkout, and does not
 * count toward an event's dead-letter limit. Plain (no Nest), so that every library can use it.
 */

/** Socket and driver codes of a connection that could not be made, was lost, or timed out. */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  // mysql2
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_CON_COUNT_ERROR',
  // @platformatic/kafka: connection failures and timeouts both carry this code
  'PLT_KFK_NETWORK',
]);

/** MongoDB driver errors of an unreachable or lost server. */
const OUTAGE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  // ioredis: the command waited through its retries while the server was away
  'MaxRetriesPerRequestError',
]);

/** Messages of drivers that throw plain Errors for a lost connection (ioredis, mysql2). */
const OUTAGE_MESSAGES = [
  /^Connection is closed\.?$/,
  /^Stream isn't writeable and enableOfflineQueue options is false$/,
  /^Can't add new command when connection is in closed state$/,
];

/** Kafka protocol errors the client marks retryable are the broker unavailable or moving (leader, coordinator). */
const KAFKA_PROTOCOL = 'PLT_KFK_PROTOCOL';

/** 502, 503, 504 from a downstream service: it (or what it needs) is unavailable. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** How deep causes and nested errors are followed (a driver error wrapped by drizzle wrapped by the saga...). */
const MAX_DEPTH = 6;

/**
 * True when the error (or one it wraps: `cause`, an AggregateError's or Kafka's nested `errors`) means that a
 * dependency is unavailable: connection refused, reset or timed out, a MySQL/MongoDB/Redis/Kafka server away, a
 * downstream service unreachable, timing out, answering 502–504, or its circuit open. Not for errors a repeat
 * cannot fix (bad input, refusals, bugs).
 */
export function isOutageError(error: unknown): boolean {
  return outage(error, 0);
}

function outage(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  if (
    error instanceof ServiceUnreachableError ||
    error instanceof ServiceTimeoutError ||
    error instanceof CircuitOpenError ||
    error instanceof BrokenCircuitError ||
    error instanceof TaskCancelledError
  )
    return true;
  if (error instanceof ServiceCallError)
    return error.status !== undefined && UNAVAILABLE_STATUSES.has(error.status);
  const { code, name, message, canRetry } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    canRetry?: unknown;
  };
  if (typeof code === 'string' && OUTAGE_CODES.has(code)) return true;
  if (code === KAFKA_PROTOCOL && canRetry === true) return true;
  if (typeof name === 'string' && OUTAGE_ERROR_NAMES.has(name)) return true;
  if (typeof message === 'string' && OUTAGE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.some((inner) => outage(inner, depth + 1))) return true;
  return outage((error as { cause?: unknown }).cause, depth + 1);
}
