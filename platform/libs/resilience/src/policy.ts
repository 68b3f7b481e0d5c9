import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IPolicy,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  decorrelatedJitterGenerator,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';

export interface PolicyOptions {
  /** Shown in events so logs and metrics can tell policies apart (usually the downstream service). */
  name?: string;
  /** Budget of one attempt; a slower attempt is aborted through its AbortSignal. */
  timeoutMs: number;
  /** Extra attempts after the first one, for retryable failures only. */
  retries: number;
  backoff: { initialMs: number; maxMs: number };
  /** Opens after `threshold` consecutive failures; lets one trial call through after `halfOpenAfterMs`. */
  breaker: { threshold: number; halfOpenAfterMs: number };
  /** Which failures are transient: retried and counted by the breaker. Default: `isRetryableError`. */
  isRetryable?: (error: unknown) => boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export type PolicyEvent =
  | { type: 'retry'; policy: string; attempt: number; delayMs: number; error: unknown }
  | { type: 'give-up'; policy: string; error: unknown }
  | { type: 'timeout'; policy: string; timeoutMs: number }
  | { type: 'breaker-open'; policy: string; error: unknown }
  | { type: 'breaker-half-open'; policy: string }
  | { type: 'breaker-closed'; policy: string };

export type PolicyEventListener = (event: PolicyEvent) => void;

export interface ExecuteOptions {
  /** Cancels the call (and any pending retry) from the caller's side. */
  signal?: AbortSignal;
  /**
   * False for calls that are unsafe to repeat (e.g. a POST without an idempotency key): timeout and
   * breaker still apply, but a failure is returned after one attempt.
   */
  retry?: boolean;
}

export interface ResiliencePolicy {
  readonly name: string;
  readonly timeoutMs: number;
  readonly breakerState: BreakerState;
  /** Runs `fn` under timeout, retry and circuit breaker; `fn` must honour the signal it is given. */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>, options?: ExecuteOptions): Promise<T>;
  /** Subscribes to retries, timeouts and breaker transitions (for logs and metrics). */
  onEvent(listener: PolicyEventListener): { dispose(): void };
}

/**
 * Transient unless proven otherwise by the error itself: timeouts, and errors that declare
 * `retryable: true` (as `ServiceClient` errors do). Anything else is treated as a bug or a refusal.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

export function isCircuitOpenError(error: unknown): error is BrokenCircuitError {
  return error instanceof BrokenCircuitError;
}

export function isTimeoutError(error: unknown): error is TaskCancelledError {
  return error instanceof TaskCancelledError;
}

const BREAKER_STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

const failureOf = (reason: { error: unknown } | { value: unknown }): unknown => ('error' in reason ? reason.error : reason.value);

export function createPolicy(options: PolicyOptions): ResiliencePolicy {
  const name = options.name ?? 'default';
  const transient = handleWhen(options.isRetryable ?? isRetryableError);
  const listeners = new Set<PolicyEventListener>();
  const emit = (event: PolicyEvent) => {
    for (const listener of listeners) {
      // An observer that throws must not turn a successful call into a failure.
      try {
        listener(event);
      } catch {
        continue;
      }
    }
  };

  const perAttemptTimeout = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
  const breaker: CircuitBreakerPolicy = circuitBreaker(transient, {
    halfOpenAfter: options.breaker.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breaker.threshold),
  });
  const retries = retry(transient, {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({
      initialDelay: options.backoff.initialMs,
      maxDelay: options.backoff.maxMs,
      generator: decorrelatedJitterGenerator,
    }),
  });

  perAttemptTimeout.onTimeout(() => emit({ type: 'timeout', policy: name, timeoutMs: options.timeoutMs }));
  breaker.onBreak((reason) => emit({ type: 'breaker-open', policy: name, error: 'isolated' in reason ? undefined : failureOf(reason) }));
  breaker.onHalfOpen(() => emit({ type: 'breaker-half-open', policy: name }));
  breaker.onReset(() => emit({ type: 'breaker-closed', policy: name }));
  retries.onRetry((event) => emit({ type: 'retry', policy: name, attempt: event.attempt, delayMs: event.delay, error: failureOf(event) }));
  retries.onGiveUp((reason) => emit({ type: 'give-up', policy: name, error: failureOf(reason) }));

  // Retry is outermost so each attempt gets its own timeout and an open breaker stops further attempts.
  const retrying: IPolicy = wrap(retries, breaker, perAttemptTimeout);
  const single: IPolicy = wrap(breaker, perAttemptTimeout);

  return {
    name,
    timeoutMs: options.timeoutMs,
    get breakerState() {
      return BREAKER_STATES[breaker.state];
    },
    execute<T>(fn: (signal: AbortSignal) => Promise<T>, { signal, retry: mayRetry = true }: ExecuteOptions = {}) {
      return (mayRetry ? retrying : single).execute(async (context) => {
        try {
          return await fn(context.signal);
        } catch (error) {
          // `fn` may reject on the abort before the timeout policy does; it is still a timeout.
          if (context.signal.aborted && !signal?.aborted) throw new TaskCancelledError(`Operation timed out after ${options.timeoutMs}ms`);
          throw error;
        }
      }, signal);
    },
    onEvent(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
}
