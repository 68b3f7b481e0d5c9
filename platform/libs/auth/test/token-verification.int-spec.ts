import {
  createTestApiClient,
  createTestBuyer,
  createTestTenant,
  passwordToken,
  type TestTenant,
} from '@marketplace/testing';
import { AuthError, ForbiddenError, TokenVerifier } from '../src';
import {
  API_AUDIENCE,
  idTokenOf,
  realmIssuer,
  resignedWithForeignKey,
  withForgedClaims,
  withTamperedSignature,
} from './keycloak';

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected the token to be refused'),
    (error: unknown) => error,
  );
}

describe('TokenVerifier against the real Keycloak realm', () => {
  let verifier: TokenVerifier;
  let tenant: TestTenant;

  beforeAll(async () => {
    verifier = new TokenVerifier({ issuer: realmIssuer(), audience: API_AUDIENCE });
    tenant = await createTestTenant({ staff: true });
  });

  it('accepts a seller owner token and takes the tenant from its organization', async () => {
    const principal = await verifier.verify(await passwordToken(tenant.owner.email));
    expect(principal).toMatchObject({
      userId: tenant.owner.userId,
      tenantId: tenant.tenantId,
      tenantIds: [tenant.tenantId],
      kind: 'user',
    });
    expect(principal.roles).toContain('seller-owner');
    expect(principal.roles).not.toContain('platform-admin');
  });

  it('accepts a seeded seller of the realm', async () => {
    const principal = await verifier.verify(await passwordToken('staff@acme.example.com'));
    expect(principal.roles).toContain('seller-staff');
    expect(principal.tenantId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives seller staff its tenant and a buyer none', async () => {
    const staff = await verifier.verify(await passwordToken(tenant.staff!.email));
    expect(staff).toMatchObject({
      tenantId: tenant.tenantId,
      roles: expect.arrayContaining(['seller-staff']),
    });
    const buyer = await createTestBuyer();
    const principal = await verifier.verify(buyer.token);
    expect(principal.tenantId).toBeUndefined();
    expect(principal.roles).toContain('buyer');
  });

  it('takes the tenant of a client-credentials API client from tenant_id', async () => {
    const apiClient = await createTestApiClient(tenant.tenantId);
    const principal = await verifier.verify(apiClient.token);
    expect(principal).toMatchObject({
      kind: 'client',
      tenantId: tenant.tenantId,
      clientId: apiClient.clientId,
    });
    expect(principal.roles).toContain('api-client');
  });

  it('honours x-tenant-id only when it is the token organization', async () => {
    const token = await passwordToken(tenant.owner.email);
    await expect(verifier.verify(token, { requestedTenantId: tenant.tenantId })).resolves.toMatchObject({
      tenantId: tenant.tenantId,
    });
    const other = await createTestTenant();
    expect(await refusal(verifier.verify(token, { requestedTenantId: other.tenantId }))).toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('refuses a realm token whose signature was changed', async () => {
    const error = await refusal(
      verifier.verify(withTamperedSignature(await passwordToken(tenant.owner.email))),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).reason).toBe('invalid_token');
  });

  it('refuses a realm token whose claims were changed', async () => {
    const forged = withForgedClaims(await passwordToken(tenant.owner.email), {
      realm_access: { roles: ['platform-admin'] },
    });
    expect(((await refusal(verifier.verify(forged))) as AuthError).reason).toBe('invalid_token');
  });

  it('refuses the realm token re-signed by a foreign key under the realm key id', async () => {
    const forged = await resignedWithForeignKey(await passwordToken(tenant.owner.email));
    expect(((await refusal(verifier.verify(forged))) as AuthError).reason).toBe('invalid_token');
  });

  it('refuses a realm token once it has expired', async () => {
    const token = await passwordToken(tenant.owner.email);
    const tenMinutesLater = new TokenVerifier({
      issuer: realmIssuer(),
      audience: API_AUDIENCE,
      clock: () => new Date(Date.now() + 10 * 60_000),
    });
    expect(((await refusal(tenMinutesLater.verify(token))) as AuthError).reason).toBe('expired_token');
  });

  it('refuses a realm token issued for another audience', async () => {
    const idToken = await idTokenOf(tenant.owner.email);
    expect(((await refusal(verifier.verify(idToken))) as AuthError).reason).toBe('wrong_audience');
    const otherApi = new TokenVerifier({ issuer: realmIssuer(), audience: 'another-api' });
    expect(
      ((await refusal(otherApi.verify(await passwordToken(tenant.owner.email)))) as AuthError).reason,
    ).toBe('wrong_audience');
  });

  it('refuses a realm token when it expects another issuer', async () => {
    const otherRealm = new TokenVerifier({
      issuer: `${realmIssuer()}-other`,
      audience: API_AUDIENCE,
      jwksUri: `${realmIssuer()}/protocol/openid-connect/certs`,
    });
    expect(
      ((await refusal(otherRealm.verify(await passwordToken(tenant.owner.email)))) as AuthError).reason,
    ).toBe('invalid_token');
  });
});
