/** A Keycloak endpoint answered with an error status; `status` and `message` come from its answer. */
export class KeycloakError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`Keycloak ${method} ${path} failed with ${status}: ${message}`);
    this.name = 'KeycloakError';
  }
}

/** 409: the name, alias, e-mail or client id is already taken. */
export class KeycloakConflictError extends KeycloakError {
  override name = 'KeycloakConflictError';
}

/** 404: the realm, user, organization, role or client does not exist. */
export class KeycloakNotFoundError extends KeycloakError {
  override name = 'KeycloakNotFoundError';
}

/**
 * 401/403, or the token endpoint's invalid_grant/invalid_client/unauthorized_client: wrong credentials,
 * or a service account whose roles do not allow the call.
 */
export class KeycloakAuthError extends KeycloakError {
  override name = 'KeycloakAuthError';
}

// OAuth error codes of the token endpoint that mean "these credentials are refused" (RFC 6749 §5.2).
const refusedCredentials = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

export async function keycloakErrorFrom(
  response: Response,
  method: string,
  path: string,
): Promise<KeycloakError> {
  const { message, code } = describeErrorBody(await response.text());
  const args = [response.status, message || response.statusText, method, path] as const;
  if (response.status === 409) return new KeycloakConflictError(...args);
  if (response.status === 404) return new KeycloakNotFoundError(...args);
  if (response.status === 401 || response.status === 403 || (code && refusedCredentials.has(code))) {
    return new KeycloakAuthError(...args);
  }
  return new KeycloakError(...args);
}

// Keycloak answers errors as {errorMessage}, {error, error_description} or plain text.
function describeErrorBody(body: string): { message: string; code?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const fields = parsed as Record<string, unknown>;
      const parts = [fields.errorMessage, fields.error, fields.error_description].filter(
        (part): part is string => typeof part === 'string' && part.length > 0,
      );
      const code = typeof fields.error === 'string' ? fields.error : undefined;
      if (parts.length > 0) return { message: parts.join(': '), code };
    }
  } catch {
    // not JSON: the body itself is the message
  }
  return { message: body.trim().slice(0, 500) };
}
