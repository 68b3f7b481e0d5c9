/** Base of every failure of a service-to-service call. `retryable` tells the policy whether to try again. */
export class ServiceCallError extends Error {
  constructor(
    message: string,
    readonly service: string,
    readonly method: string,
    readonly path: string,
    readonly retryable: boolean,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The downstream service refused the request (4xx): repeating it cannot help. `body` is its parsed reply. */
export class ServiceRejectedError extends ServiceCallError {
  constructor(service: string, method: string, path: string, status: number, readonly body: unknown) {
    super(`${service} ${method} ${path} was refused with ${status}${describeBody(body)}`, service, method, path, false, status);
  }
}

/** The downstream service failed (5xx). */
export class ServiceFailedError extends ServiceCallError {
  constructor(service: string, method: string, path: string, status: number) {
    super(`${service} ${method} ${path} failed with ${status}`, service, method, path, true, status);
  }
}

/** No HTTP answer at all: connection refused or reset, DNS failure. */
export class ServiceUnreachableError extends ServiceCallError {
  constructor(service: string, method: string, path: string, cause: unknown) {
    super(`${service} ${method} ${path} is unreachable`, service, method, path, true, undefined, { cause });
  }
}

export class ServiceTimeoutError extends ServiceCallError {
  constructor(service: string, method: string, path: string, timeoutMs: number, cause: unknown) {
    super(`${service} ${method} ${path} did not answer within ${timeoutMs} ms`, service, method, path, true, undefined, { cause });
  }
}

/** The circuit breaker is open: the call was not attempted. */
export class CircuitOpenError extends ServiceCallError {
  constructor(service: string, method: string, path: string, cause: unknown) {
    super(`${service} is failing; ${method} ${path} was not attempted (circuit open)`, service, method, path, false, undefined, { cause });
  }
}

/** The answer was not the JSON the caller expects (unparseable or failing its schema). */
export class InvalidResponseError extends ServiceCallError {
  constructor(service: string, method: string, path: string, status: number, detail: string) {
    super(`${service} ${method} ${path} answered ${status} with an unexpected body: ${detail}`, service, method, path, false, status);
  }
}

function describeBody(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') return `: ${message}`;
    if (Array.isArray(message)) return `: ${message.filter((m) => typeof m === 'string').join('; ')}`;
  }
  return '';
}
