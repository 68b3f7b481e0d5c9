import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The client address a trusted server-side proxy (the storefront) saw, sent with the shared secret. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';
export const CLIENT_ADDRESS_SECRET_HEADER = 'x-client-address-secret';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who an anonymous request counts against. `request.ip` already honours TRUSTED_PROXY_HOPS (Fastify's
 * `trustProxy` hop count); a proxy holding the shared secret may name the client it serves instead, since
 * every one of its requests otherwise comes from its own address.
 */
export function clientAddressResolver(secret: string | undefined): (request: FastifyRequest) => string {
  const expected = secret === undefined ? undefined : digest(secret);
  return (request) => {
    const claimed = request.headers[CLIENT_ADDRESS_HEADER];
    const presented = request.headers[CLIENT_ADDRESS_SECRET_HEADER];
    if (
      expected !== undefined &&
      typeof claimed === 'string' &&
      typeof presented === 'string' &&
      isIP(claimed) !== 0 &&
      timingSafeEqual(digest(presented), expected)
    )
      return claimed;
    return request.ip;
  };
}
