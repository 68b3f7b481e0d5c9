import { randomBytes } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';

const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;

export interface TraceParent {
  traceId: string;
  parentId: string;
  flags: string;
}

/** Parses a W3C `traceparent` header; all-zero ids and version ff are invalid per the spec. */
export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  const match = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (!match) return undefined;
  const [, version, traceId, parentId, flags] = match as unknown as [string, string, string, string, string];
  if (version === 'ff' || /^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
  raw?: object;
}

const traceIds = new WeakMap<object, string>();

/**
 * The trace id of an incoming request, decided once: the active OpenTelemetry span when tracing is on,
 * else the caller's `traceparent`, else a new id. When the caller sent no valid `traceparent`, one is
 * written onto the request headers so every later reader (auth context, outbound calls) sees the same id.
 */
export function traceIdOfRequest(request: RequestWithHeaders): string {
  const key = request.raw ?? request;
  const known = traceIds.get(key);
  if (known) return known;

  const header = request.headers.traceparent;
  const incoming = parseTraceparent(Array.isArray(header) ? header[0] : header);
  const span = trace.getActiveSpan()?.spanContext();
  const traceId = span && isSpanContextValid(span) ? span.traceId : (incoming?.traceId ?? newTraceId());
  if (incoming?.traceId !== traceId) request.headers.traceparent = `00-${traceId}-${span && isSpanContextValid(span) ? span.spanId : newSpanId()}-01`;
  traceIds.set(key, traceId);
  return traceId;
}
