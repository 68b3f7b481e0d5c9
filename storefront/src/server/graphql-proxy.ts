import type { RequestHandler } from 'express';

const FORWARDED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'traceparent',
  'tracestate',
  'x-request-id',
  // Names an anonymous shopper's cart at the cart service.
  'x-cart-token',
];

/** Forwards GraphQL POSTs to the gateway and relays its answer (status, type and body) unchanged. */
export function graphqlProxy(upstream: string, timeoutMs = 15000): RequestHandler {
  return async (req, res) => {
    const headers = new Headers();
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    try {
      const answer = await fetch(upstream, {
        method: 'POST',
        headers,
        body: typeof req.body === 'string' ? req.body : '',
        signal: AbortSignal.timeout(timeoutMs),
      });
      res.status(answer.status).type(answer.headers.get('content-type') ?? 'application/json');
      res.send(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      res
        .status(502)
        .json({ errors: [{ message: `The marketplace API is unreachable (${(error as Error).message}).` }] });
    }
  };
}
