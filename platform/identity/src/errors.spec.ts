import {
  KeycloakAuthError,
  KeycloakConflictError,
  KeycloakError,
  KeycloakNotFoundError,
  keycloakErrorFrom,
} from './errors';

const answer = (status: number, body: string) => new Response(body, { status });

describe('keycloakErrorFrom', () => {
  it('turns a 409 into a conflict carrying Keycloak message', async () => {
    const error = await keycloakErrorFrom(
      answer(409, '{"errorMessage":"User exists with same email"}'),
      'POST',
      '/users',
    );

    expect(error).toBeInstanceOf(KeycloakConflictError);
    expect(error).toMatchObject({ status: 409, method: 'POST', path: '/users' });
    expect(error.message).toContain('User exists with same email');
  });

  it('turns a 404 into not-found and 401/403 into auth errors', async () => {
    expect(
      await keycloakErrorFrom(answer(404, '{"error":"Role not found"}'), 'GET', '/roles/x'),
    ).toBeInstanceOf(KeycloakNotFoundError);
    expect(await keycloakErrorFrom(answer(401, ''), 'GET', '/users')).toBeInstanceOf(KeycloakAuthError);
    expect(await keycloakErrorFrom(answer(403, '{"error":"unknown_error"}'), 'GET', '/users')).toBeInstanceOf(
      KeycloakAuthError,
    );
  });

  it('treats refused credentials at the token endpoint (400 invalid_grant) as an auth error', async () => {
    const error = await keycloakErrorFrom(
      answer(400, '{"error":"invalid_grant","error_description":"Invalid user credentials"}'),
      'POST',
      '/realms/marketplace/protocol/openid-connect/token',
    );

    expect(error).toBeInstanceOf(KeycloakAuthError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('invalid_grant: Invalid user credentials');
  });

  it('keeps other errors generic and uses a plain-text body as the message', async () => {
    const error = await keycloakErrorFrom(answer(500, 'Internal failure\n'), 'PUT', '/clients/1');

    expect(error.constructor).toBe(KeycloakError);
    expect(error.message).toBe('Keycloak PUT /clients/1 failed with 500: Internal failure');
  });
});
