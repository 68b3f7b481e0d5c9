import { ValidationError } from '@marketplace/observability';
import {
  assertPublicHost,
  ForbiddenTargetError,
  ipLiteralOf,
  isForbiddenAddress,
} from '../delivery/ssrf-guard';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * An endpoint URL the platform will call: https (plain http only to this machine while the SSRF guard is off,
 * for local development), no credentials in it, and — guard on — no host that is or resolves to a private,
 * loopback or link-local address. Deliveries check the resolved address again at every connection.
 */
export async function validateEndpointUrl(raw: string, guard: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError('url: must be an absolute https URL');
  }
  if (raw.length > 2048) throw new ValidationError('url: must be at most 2048 characters');
  if (url.username || url.password) throw new ValidationError('url: must not contain credentials');
  if (url.hash) throw new ValidationError('url: must not contain a fragment');
  if (url.protocol === 'http:') {
    if (guard || !isLoopback(url))
      throw new ValidationError('url: must use https (plain http only to a loopback address in development)');
  } else if (url.protocol !== 'https:') {
    throw new ValidationError('url: must use https');
  }
  if (guard) {
    const literal = ipLiteralOf(url);
    if (literal !== undefined ? isForbiddenAddress(literal) : isLoopback(url))
      throw new ValidationError('url: private, loopback and link-local addresses are not allowed');
    if (literal === undefined) {
      try {
        await assertPublicHost(url.hostname);
      } catch (error) {
        if (error instanceof ForbiddenTargetError)
          throw new ValidationError('url: the host resolves to a private, loopback or link-local address');
        // A name that does not resolve yet is accepted; every delivery resolves and checks it again.
      }
    }
  }
  return url.toString();
}
