import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWTPayload,
  type CryptoKey,
} from 'jose';
import { AuthError, IdentityProviderUnavailableError } from './errors';
import { TokenVerifier } from './token-verifier';

const issuer = 'http://127.0.0.1:18080/realms/unit';
const audience = 'marketplace-api';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey & { publicJwk: object }> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(key: SigningKey, claims: JWTPayload, options: { expiresIn?: string; iat?: number } = {}) {
  return new SignJWT({ typ: 'Bearer', ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer((claims.iss as string | undefined) ?? issuer)
    .setAudience((claims.aud as string | string[] | undefined) ?? audience)
    .setSubject(claims.sub ?? 'user-1')
    .setIssuedAt(options.iat)
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(key.privateKey);
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return (error as AuthError).reason;
}

describe('TokenVerifier', () => {
  let rsa: Awaited<ReturnType<typeof signingKey>>;
  let ec: Awaited<ReturnType<typeof signingKey>>;
  let foreign: Awaited<ReturnType<typeof signingKey>>;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    rsa = await signingKey('rsa-1', 'RS256');
    ec = await signingKey('ec-1', 'ES256');
    foreign = await signingKey('rsa-1', 'RS256');
    const keys = createLocalJWKSet({ keys: [rsa.publicJwk, ec.publicJwk] as never });
    verifier = new TokenVerifier({ issuer, audience, keys });
  });

  const seller = {
    realm_access: { roles: ['buyer'] },
    organization: { acme: { id: 'org-acme' } },
    organization_roles: ['/organization-roles/org-acme/seller-owner'],
  };

  it('accepts an RS256 or ES256 token of the realm and builds the principal', async () => {
    for (const key of [rsa, ec]) {
      const principal = await verifier.verify(await sign(key, seller));
      expect(principal).toMatchObject({
        userId: 'user-1',
        tenantId: 'org-acme',
        roles: ['buyer', 'seller-owner'],
        kind: 'user',
      });
    }
  });

  it('accepts an audience array containing the API audience', async () => {
    const token = await sign(rsa, { ...seller, aud: ['account', audience] });
    await expect(verifier.verify(token)).resolves.toMatchObject({ tenantId: 'org-acme' });
  });

  it('refuses a missing token', async () => {
    expect(await reason(verifier.verify(undefined))).toBe('missing_token');
    expect(await reason(verifier.verifyAuthorizationHeader('Basic abc'))).toBe('missing_token');
  });

  it('refuses a token signed by a foreign key with the same key id', async () => {
    expect(await reason(verifier.verify(await sign(foreign, seller)))).toBe('invalid_token');
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await sign(rsa, seller)).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...seller, sub: 'admin', iss: issuer, aud: audience, exp: 9999999999 }),
    ).toString('base64url');
    expect(await reason(verifier.verify(`${header}.${forged}.${signature}`))).toBe('invalid_token');
  });

  it('refuses a token for another audience or issuer', async () => {
    expect(await reason(verifier.verify(await sign(rsa, { ...seller, aud: 'account' })))).toBe(
      'wrong_audience',
    );
    expect(
      await reason(verifier.verify(await sign(rsa, { ...seller, iss: 'http://evil.test/realms/unit' }))),
    ).toBe('invalid_token');
  });

  it('refuses an expired token beyond the clock tolerance and accepts it within', async () => {
    const token = await sign(rsa, seller, { expiresIn: '60s' });
    const keys = createLocalJWKSet({ keys: [rsa.publicJwk] as never });
    const at = (ms: number) =>
      new TokenVerifier({ issuer, audience, keys, clock: () => new Date(Date.now() + ms) });
    await expect(at(61_000).verify(token)).resolves.toMatchObject({ userId: 'user-1' });
    expect(await reason(at(120_000).verify(token))).toBe('expired_token');
  });

  it('refuses an unsigned token and a non-access token', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x' })).toString('base64url')}.`;
    expect(await reason(verifier.verify(none))).toBe('invalid_token');
    expect(await reason(verifier.verify(await sign(rsa, { ...seller, typ: 'ID' })))).toBe('invalid_token');
  });

  it('refuses an algorithm that is not allowed', async () => {
    const rsOnly = new TokenVerifier({
      issuer,
      audience,
      algorithms: ['RS256'],
      keys: createLocalJWKSet({ keys: [ec.publicJwk] as never }),
    });
    expect(await reason(rsOnly.verify(await sign(ec, seller)))).toBe('invalid_token');
  });

  it('checks the signature of a repeated token once within the verified-token TTL, again after it, and never past expiry', async () => {
    const token = await sign(rsa, seller, { expiresIn: '90s' });
    const local = createLocalJWKSet({ keys: [rsa.publicJwk] as never });
    let keyLookups = 0;
    let offsetMs = 0;
    const remembering = new TokenVerifier({
      issuer,
      audience,
      keys: (header, input) => {
        keyLookups++;
        return local(header, input);
      },
      clock: () => new Date(Date.now() + offsetMs),
    });
    await expect(remembering.verify(token)).resolves.toMatchObject({
      userId: 'user-1',
      tenantId: 'org-acme',
    });
    await expect(remembering.verify(token, { requestedTenantId: 'org-acme' })).resolves.toMatchObject({
      tenantId: 'org-acme',
    });
    // The remembered token still answers each call's own options: a tenant it does not grant is refused.
    await expect(remembering.verify(token, { requestedTenantId: 'org-other' })).rejects.toThrow();
    expect(keyLookups).toBe(1);
    offsetMs = 61_000;
    await expect(remembering.verify(token)).resolves.toMatchObject({ userId: 'user-1' });
    expect(keyLookups).toBe(2);
    offsetMs = 96_000;
    expect(await reason(remembering.verify(token))).toBe('expired_token');
  });

  it('remembers nothing with a verified-token TTL of 0, and never a token that failed', async () => {
    let keyLookups = 0;
    const local = createLocalJWKSet({ keys: [rsa.publicJwk] as never });
    const keys = (header: Parameters<typeof local>[0], input: Parameters<typeof local>[1]) => {
      keyLookups++;
      return local(header, input);
    };
    const every = new TokenVerifier({ issuer, audience, keys, verifiedTokenTtlMs: 0 });
    const token = await sign(rsa, seller);
    await every.verify(token);
    await every.verify(token);
    expect(keyLookups).toBe(2);
    const remembering = new TokenVerifier({ issuer, audience, keys });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'admin', typ: 'Bearer', iss: issuer, aud: audience, exp: 9e9 })).toString('base64url')}.${signature}`;
    expect(await reason(remembering.verify(forged))).toBe('invalid_token');
    expect(await reason(remembering.verify(forged))).toBe('invalid_token');
  });

  it('rejects invalid configuration at construction', () => {
    expect(() => new TokenVerifier({ issuer: 'not a url', audience })).toThrow();
    expect(() => new TokenVerifier({ issuer, audience: '' })).toThrow();
  });
});

describe('TokenVerifier against a JWKS endpoint that goes away', () => {
  it('keeps verifying against the keys fetched last once its copy is stale and the endpoint is unreachable', async () => {
    const key = await signingKey('rsa-live', 'RS256');
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [key.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const verifier = new TokenVerifier({ issuer, audience, jwksUri: `http://127.0.0.1:${port}/certs` });
    // Only the clock moves: fetch and its timeouts keep real timers.
    jest.useFakeTimers({
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'nextTick',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      expect((await verifier.verify(await sign(key, { sub: 'before' }))).userId).toBe('before');
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      // Past jose's 10-minute cache age: the verifier tries to refetch, fails, and uses the keys it has.
      jest.setSystemTime(Date.now() + 11 * 60_000);
      expect((await verifier.verify(await sign(key, { sub: 'during' }))).userId).toBe('during');
      // A token of a key it never saw is still refused.
      const unknown = await signingKey('rsa-other', 'RS256');
      expect(await reason(verifier.verify(await sign(unknown, {})))).toBe('invalid_token');
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers 503 (not a 401 that would make the caller drop a good token) when the keys were never fetched', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const verifier = new TokenVerifier({ issuer, audience, jwksUri: `http://127.0.0.1:${port}/certs` });
    const key = await signingKey('rsa-live', 'RS256');
    const error = await verifier.verify(await sign(key, {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
    expect((error as IdentityProviderUnavailableError).getStatus()).toBe(503);
  });
});
