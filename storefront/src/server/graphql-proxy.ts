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

export interface GraphqlProxyOptions {
  timeoutMs?: number;
  /**
   * Shared with the gateway (CLIENT_ADDRESS_SECRET): sent with the address of the client this server serves, so
   * the gateway counts anonymous rate limits per shopper instead of one bucket for every storefront request.
   */
  clientAddressSecret?: string;
}

/** Forwards GraphQL POSTs to the gateway and relays its answer (status, type and body) unchanged. */
export function graphqlProxy(upstream: string, options: GraphqlProxyOptions = {}): RequestHandler {
  const timeoutMs = options.timeoutMs ?? 15000;
  return async (req, res) => {
    const headers = new Headers();
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    // `req.ip` honours the app's `trust proxy` hop count; a caller's own x-client-address is never forwarded.
    if (options.clientAddressSecret && req.ip) {
      headers.set('x-client-address', req.ip.replace(/^::ffff:/, ''));
      headers.set('x-client-address-secret', options.clientAddressSecret);
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
