import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
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

/** Streams the gateway's answer through as it comes (node:http: no web-stream conversion per event). */
function stream(target: string, req: Request, res: Response, connectTimeoutMs: number): void {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  const lastEventId = req.headers['last-event-id'];
  if (typeof lastEventId === 'string') headers['last-event-id'] = lastEventId;
  const send = target.startsWith('https:') ? httpsRequest : httpRequest;
  const outgoing = send(target, { headers, timeout: connectTimeoutMs }, (answer) => {
    answer.socket.setTimeout(0);
    res.once('close', () => answer.destroy());
    res.status(answer.statusCode ?? 502).type(answer.headers['content-type'] ?? 'text/plain');
    if (answer.statusCode === 200)
      res.set({ 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
    answer.on('error', () => res.end());
    answer.pipe(res);
  });
  outgoing.once('timeout', () => outgoing.destroy(new Error('connect timeout')));
  outgoing.once('error', () => {
    if (!res.headersSent) res.status(502).json({ message: 'Live updates are unavailable right now.' });
    else res.end();
  });
  res.once('close', () => outgoing.destroy());
  outgoing.end();
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
