import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Same-origin live events (ADR 0026): `GET /api/v1/notifications/stream` is streamed from the gateway as it
 * comes, and `POST /api/v1/notifications/stream-tickets` (the buyer's bearer token) is passed on, so the
 * browser's EventSource needs no CORS and the storefront works behind one host name.
 */
export function liveEventsProxy(gatewayBase: string, connectTimeoutMs = 10_000): RequestHandler {
  return (req, res) => {
    const target = `${gatewayBase}/api/v1/notifications${req.path}${req.url.slice(req.path.length)}`;
    if (req.method === 'GET' && req.path === '/stream')
      return void stream(target, req, res, connectTimeoutMs);
    if (req.method === 'POST' && req.path === '/stream-tickets') return void ticket(target, req, res);
    res.status(404).json({ message: 'Not found' });
  };
}

async function stream(target: string, req: Request, res: Response, connectTimeoutMs: number): Promise<void> {
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const timer = setTimeout(() => abort.abort(), connectTimeoutMs);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  const lastEventId = req.headers['last-event-id'];
  if (typeof lastEventId === 'string') headers['last-event-id'] = lastEventId;
  try {
    const answer = await fetch(target, { headers, signal: abort.signal });
    clearTimeout(timer);
    res.status(answer.status).type(answer.headers.get('content-type') ?? 'text/plain');
    if (!answer.body || !answer.ok) {
      res.send(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    res.set({ 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    const body = Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>);
    body.on('error', () => res.end());
    body.pipe(res);
  } catch {
    clearTimeout(timer);
    if (!res.headersSent) res.status(502).json({ message: 'Live updates are unavailable right now.' });
    else res.end();
  }
}

async function ticket(target: string, req: Request, res: Response): Promise<void> {
  const authorization = req.headers.authorization;
  try {
    const answer = await fetch(target, {
      method: 'POST',
      headers: typeof authorization === 'string' ? { authorization } : {},
      signal: AbortSignal.timeout(10_000),
    });
    res.status(answer.status).type(answer.headers.get('content-type') ?? 'application/json');
    res.send(Buffer.from(await answer.arrayBuffer()));
  } catch {
    res.status(502).json({ message: 'Live updates are unavailable right now.' });
  }
}
