import { randomBytes } from 'node:crypto';
import type { ZodType } from 'zod';
import { currentContext } from '@marketplace/tenancy';
import {
  CircuitOpenError,
  InvalidResponseError,
  ServiceFailedError,
  ServiceRejectedError,
  ServiceTimeoutError,
  ServiceUnreachableError,
} from './errors';
import { PolicyOptions, ResiliencePolicy, createPolicy, isCircuitOpenError, isTimeoutError } from './policy';

export const DEFAULT_CLIENT_POLICY: PolicyOptions = {
  timeoutMs: 2000,
  retries: 2,
  backoff: { initialMs: 100, maxMs: 1000 },
  breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface ServiceClientOptions {
  /** Name of the downstream service, used in errors and policy events. */
  service: string;
  baseUrl: string;
  /** A shared policy, or options for a policy of this client's own. Default: `DEFAULT_CLIENT_POLICY`. */
  policy?: ResiliencePolicy | PolicyOptions;
  /** Headers sent with every call. */
  headers?: Readonly<Record<string, string>>;
  /** Credentials for calls that pass no `authorization` (e.g. a client-credentials token provider). */
  authorization?: () => string | undefined | Promise<string | undefined>;
}

export interface CallOptions<T> {
  query?: Readonly<Record<string, QueryValue>>;
  /** Serialised as JSON. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  /** Checks (and types) the JSON answer; a mismatch is an `InvalidResponseError`. */
  schema?: ZodType<T>;
  /** The caller's `Authorization` header value, forwarded as is. */
  authorization?: string;
  /** W3C trace context to continue; default: a child of the current request's traceId. */
  traceparent?: string;
  /** Sent as `Idempotency-Key`; it also makes POST and PATCH safe to retry. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const REPEATABLE: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** A `traceparent` continuing the current request's trace with a fresh span id for this call. */
export function traceparentFromContext(): string | undefined {
  const traceId = currentContext()?.traceId;
  if (!traceId || !TRACE_ID.test(traceId) || /^0+$/.test(traceId)) return undefined;
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}

/**
 * JSON over HTTP to another service of the platform, under timeout, retry with backoff and a circuit
 * breaker. 4xx answers are refusals and are never retried; 5xx, timeouts and network failures are.
 */
export class ServiceClient {
  readonly policy: ResiliencePolicy;
  private readonly baseUrl: string;

  constructor(private readonly options: ServiceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const policy = options.policy ?? DEFAULT_CLIENT_POLICY;
    this.policy = 'execute' in policy ? policy : createPolicy({ name: options.service, ...policy });
  }

  get<T = unknown>(path: string, options: Omit<CallOptions<T>, 'body'> = {}): Promise<T> {
    return this.request('GET', path, options);
  }

  post<T = unknown>(path: string, body: unknown, options: Omit<CallOptions<T>, 'body'> = {}): Promise<T> {
    return this.request('POST', path, { ...options, body });
  }

  put<T = unknown>(path: string, body: unknown, options: Omit<CallOptions<T>, 'body'> = {}): Promise<T> {
    return this.request('PUT', path, { ...options, body });
  }

  patch<T = unknown>(path: string, body: unknown, options: Omit<CallOptions<T>, 'body'> = {}): Promise<T> {
    return this.request('PATCH', path, { ...options, body });
  }

  delete<T = unknown>(path: string, options: Omit<CallOptions<T>, 'body'> = {}): Promise<T> {
    return this.request('DELETE', path, options);
  }

  async request<T = unknown>(method: HttpMethod, path: string, options: CallOptions<T> = {}): Promise<T> {
    const url = this.urlFor(path, options.query);
    const headers = await this.headersFor(options);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const mayRetry = REPEATABLE.has(method) || options.idempotencyKey !== undefined;
    const service = this.options.service;

    try {
      return await this.policy.execute(
        async (signal) => {
          let response: Response;
          try {
            response = await fetch(url, { method, headers, body, signal });
          } catch (error) {
            throw new ServiceUnreachableError(service, method, path, error);
          }
          return this.readResponse(response, method, path, options.schema);
        },
        { signal: options.signal, retry: mayRetry },
      );
    } catch (error) {
      if (isCircuitOpenError(error)) throw new CircuitOpenError(service, method, path, error);
      if (isTimeoutError(error) && !options.signal?.aborted) {
        throw new ServiceTimeoutError(service, method, path, this.policy.timeoutMs, error);
      }
      throw error;
    }
  }

  private urlFor(path: string, query: CallOptions<unknown>['query']): string {
    const url = new URL(this.baseUrl + (path.startsWith('/') ? path : `/${path}`));
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    return url.toString();
  }

  private async headersFor(options: CallOptions<unknown>): Promise<Headers> {
    const headers = new Headers(this.options.headers);
    headers.set('accept', 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    if (options.body !== undefined) headers.set('content-type', 'application/json');
    const authorization = options.authorization ?? (await this.options.authorization?.());
    if (authorization) headers.set('authorization', authorization);
    const traceparent = options.traceparent ?? traceparentFromContext();
    if (traceparent) headers.set('traceparent', traceparent);
    if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
    return headers;
  }

  private async readResponse<T>(response: Response, method: string, path: string, schema: ZodType<T> | undefined): Promise<T> {
    const service = this.options.service;
    const text = await response.text();
    if (response.status >= 500) throw new ServiceFailedError(service, method, path, response.status);

    let json: unknown;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        if (response.status >= 400) throw new ServiceRejectedError(service, method, path, response.status, text);
        throw new InvalidResponseError(service, method, path, response.status, 'not JSON');
      }
    }
    if (response.status >= 400) throw new ServiceRejectedError(service, method, path, response.status, json);
    if (!schema) return json as T;

    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new InvalidResponseError(service, method, path, response.status, detail);
  }
}
