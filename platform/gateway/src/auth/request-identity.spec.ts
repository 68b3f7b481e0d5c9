import { TokenVerifier } from '@marketplace/auth';
import { RequestIdentifier } from './request-identity';

describe('RequestIdentifier', () => {
  // Anonymous requests never reach the verifier, so its keys are never fetched.
  const identifier = new RequestIdentifier(
    new TokenVerifier({ issuer: 'http://127.0.0.1:1/realms/test', audience: 'marketplace-api' }),
  );

  it('passes the anonymous cart token and trace context through, and nothing else the caller sent', async () => {
    const identity = await identifier.identify({
      'x-cart-token': 'c0ffee',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'x-tenant-id': 'tenant-a',
      cookie: 'session=1',
    });
    expect(identity.principal).toBeUndefined();
    expect(identity.forwardHeaders).toEqual({
      'x-cart-token': 'c0ffee',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });
});
