import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  KeycloakAuthError,
  KeycloakConflictError,
  KeycloakError,
  keycloakErrorFrom,
  KeycloakNotFoundError,
} from './errors';
import { ClientCredentialsTokenSource } from './token-endpoint';

export const keycloakAdminConfigSchema = z.object({
  baseUrl: z.url(),
  realm: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});
export type KeycloakAdminConfig = z.infer<typeof keycloakAdminConfigSchema>;

const id = z.string().uuid();
const alias = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');
const displayName = z.string().trim().min(1).max(255);
const roleName = z.string().min(1).max(255);
const newUserSchema = z.object({
  email: z.email(),
  password: z.string().min(8).optional(),
  firstName: z.string().trim().min(1).max(255),
  lastName: z.string().trim().min(1).max(255),
  /** Accounts the platform creates were confirmed by their creator; self-registration yields unconfirmed ones. */
  emailVerified: z.boolean().default(true),
});
export type NewUser = z.input<typeof newUserSchema>;

export interface KeycloakUser {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled: boolean;
}

/** How people are named in the portals: first and last name, else the username. */
export function displayNameOf(user: Pick<KeycloakUser, 'username' | 'firstName' | 'lastName'>): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username;
}

export interface KeycloakOrganization {
  id: string;
  name: string;
  alias: string;
  enabled: boolean;
}

export interface ApiClientCredentials {
  clientId: string;
  secret: string;
}

/** Client attribute and token claim naming the tenant (organization id) of a tenant's API client. */
export const TENANT_ID_CLAIM = 'tenant_id';

/**
 * A member's role in one organization is membership of the group `/organization-roles/<org id>/<role>` (ADR 0036);
 * the `organization` client scope maps these group paths into the token's `organization_roles` claim.
 */
export const ORGANIZATION_ROLES_GROUP = 'organization-roles';
export const ORGANIZATION_ROLES = ['seller-owner', 'seller-staff'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];
const organizationRole = z.enum(ORGANIZATION_ROLES);
/** Realm role given to the service account of every tenant API client. */
export const API_CLIENT_ROLE = 'api-client';

/**
 * Keycloak Admin REST API for tenant provisioning, authenticated as a confidential client
 * (marketplace-services) whose service account holds the realm-management roles it needs.
 */
export class KeycloakAdminClient {
  private readonly config: KeycloakAdminConfig;
  private readonly tokens: ClientCredentialsTokenSource;

  constructor(config: KeycloakAdminConfig) {
    this.config = keycloakAdminConfigSchema.parse(config);
    this.tokens = new ClientCredentialsTokenSource(
      this.config.baseUrl,
      this.config.realm,
      this.config.clientId,
      this.config.clientSecret,
    );
  }

  /** Creates an enabled organization; 409 (KeycloakConflictError) when the name or alias is taken. */
  async createOrganization(name: string, orgAlias: string): Promise<string> {
    const body = { name: displayName.parse(name), alias: alias.parse(orgAlias), enabled: true };
    return this.createAndReturnId('/organizations', body);
  }

  async getOrganization(orgId: string): Promise<KeycloakOrganization> {
    return this.request<KeycloakOrganization>('GET', `/organizations/${id.parse(orgId)}`);
  }

  async findOrganizationByAlias(orgAlias: string): Promise<KeycloakOrganization | undefined> {
    const wanted = alias.parse(orgAlias);
    // `search` matches names and domains, not aliases, so page through the brief listing.
    const pageSize = 100;
    for (let first = 0; ; first += pageSize) {
      const page = await this.request<KeycloakOrganization[]>(
        'GET',
        `/organizations?briefRepresentation=true&first=${first}&max=${pageSize}`,
      );
      const found = page.find((org) => org.alias === wanted);
      if (found || page.length < pageSize) return found;
    }
  }

  /** Deletes the organization and its role groups (memberships and roles in it go with them). */
  async deleteOrganization(orgId: string): Promise<void> {
    await this.request('DELETE', `/organizations/${id.parse(orgId)}`);
    const roles = await this.groupIdByPath([ORGANIZATION_ROLES_GROUP, orgId]);
    if (roles) await this.request('DELETE', `/groups/${roles}`);
  }

  /**
   * Gives the user `role` in this organization only (idempotent). Roles of other organizations are untouched;
   * the role shows in the user's next token.
   */
  async grantOrganizationRole(orgId: string, userId: string, role: OrganizationRole): Promise<void> {
    const groupId = await this.ensureGroup([
      ORGANIZATION_ROLES_GROUP,
      id.parse(orgId),
      organizationRole.parse(role),
    ]);
    await this.request('PUT', `/users/${id.parse(userId)}/groups/${groupId}`);
  }

  /**
   * Takes every role in this organization from the user (idempotent): the reverse of `grantOrganizationRole`.
   * Roles in other organizations are untouched; the user's next token no longer carries them.
   */
  async revokeOrganizationRoles(orgId: string, userId: string): Promise<void> {
    for (const role of ORGANIZATION_ROLES) {
      const groupId = await this.groupIdByPath([ORGANIZATION_ROLES_GROUP, id.parse(orgId), role]);
      if (!groupId) continue;
      try {
        await this.request('DELETE', `/users/${id.parse(userId)}/groups/${groupId}`);
      } catch (error) {
        if (!(error instanceof KeycloakNotFoundError)) throw error;
      }
    }
  }

  /** The user's roles per organization id, as the token's `organization_roles` claim will carry them. */
  async organizationRolesOf(userId: string): Promise<Record<string, OrganizationRole[]>> {
    const groups = await this.request<{ path: string }[]>(
      'GET',
      `/users/${id.parse(userId)}/groups?briefRepresentation=true&max=1000`,
    );
    const roles: Record<string, OrganizationRole[]> = {};
    for (const { path } of groups) {
      const [top, orgId, role] = path.split('/').slice(1);
      const parsed = organizationRole.safeParse(role);
      if (top !== ORGANIZATION_ROLES_GROUP || !orgId || !parsed.success) continue;
      (roles[orgId] ??= []).push(parsed.data);
    }
    return roles;
  }

  /** Makes an existing user a member; 409 when the user already belongs to it. */
  async addMember(orgId: string, userId: string): Promise<void> {
    await this.request('POST', `/organizations/${id.parse(orgId)}/members`, id.parse(userId));
  }

  /** Ends the user's membership; 404 (KeycloakNotFoundError) when the user is not a member. */
  async removeMember(orgId: string, userId: string): Promise<void> {
    await this.request('DELETE', `/organizations/${id.parse(orgId)}/members/${id.parse(userId)}`);
  }

  async listMemberIds(orgId: string): Promise<string[]> {
    return (await this.listMembers(orgId)).map((member) => member.id);
  }

  /** The organization's members (at most 1000): id, username, e-mail and names. */
  listMembers(orgId: string): Promise<KeycloakUser[]> {
    return this.request<KeycloakUser[]>(
      'GET',
      `/organizations/${id.parse(orgId)}/members?briefRepresentation=true&max=1000`,
    );
  }

  /** Creates an enabled user whose username is the e-mail; 409 when the e-mail is taken. */
  async createUser(user: NewUser): Promise<string> {
    const { email, password, firstName, lastName, emailVerified } = newUserSchema.parse(user);
    return this.createAndReturnId('/users', {
      username: email,
      email,
      emailVerified,
      enabled: true,
      firstName,
      lastName,
      credentials: password ? [{ type: 'password', value: password, temporary: false }] : [],
    });
  }

  async findUserByEmail(email: string): Promise<KeycloakUser | undefined> {
    const address = z.email().parse(email);
    const users = await this.request<KeycloakUser[]>(
      'GET',
      `/users?email=${encodeURIComponent(address)}&exact=true&briefRepresentation=true`,
    );
    return users.find((user) => user.email?.toLowerCase() === address.toLowerCase());
  }

  /** The user, or undefined when there is none with this id (404). */
  async getUser(userId: string): Promise<KeycloakUser | undefined> {
    try {
      return await this.request<KeycloakUser>('GET', `/users/${id.parse(userId)}`);
    } catch (error) {
      if (error instanceof KeycloakNotFoundError) return undefined;
      throw error;
    }
  }

  async deleteUser(userId: string): Promise<void> {
    await this.request('DELETE', `/users/${id.parse(userId)}`);
  }

  /** Grants a realm role (idempotent); KeycloakNotFoundError when the role or user does not exist. */
  async assignRealmRole(userId: string, role: string): Promise<void> {
    const representation = await this.request<unknown>(
      'GET',
      `/roles/${encodeURIComponent(roleName.parse(role))}`,
    );
    await this.request('POST', `/users/${id.parse(userId)}/role-mappings/realm`, [representation]);
  }

  async realmRolesOf(userId: string): Promise<string[]> {
    const roles = await this.request<{ name: string }[]>(
      'GET',
      `/users/${id.parse(userId)}/role-mappings/realm`,
    );
    return roles.map((role) => role.name);
  }

  /**
   * Creates a confidential client-credentials client for one tenant. Its tokens carry
   * `tenant_id` = orgId and the realm role `api-client` (and not the default `buyer`).
   */
  async createApiClient(orgId: string, name: string): Promise<ApiClientCredentials> {
    const tenantId = id.parse(orgId);
    const label = displayName.parse(name);
    await this.getOrganization(tenantId);
    const clientId = `api-${slug(label)}-${randomBytes(4).toString('hex')}`;
    const internalId = await this.createAndReturnId('/clients', {
      clientId,
      name: label,
      description: `API client of tenant ${tenantId}`,
      enabled: true,
      protocol: 'openid-connect',
      publicClient: false,
      clientAuthenticatorType: 'client-secret',
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      attributes: { [TENANT_ID_CLAIM]: tenantId },
      protocolMappers: [
        {
          name: TENANT_ID_CLAIM,
          protocol: 'openid-connect',
          protocolMapper: 'oidc-hardcoded-claim-mapper',
          config: {
            'claim.name': TENANT_ID_CLAIM,
            'claim.value': tenantId,
            'jsonType.label': 'String',
            'access.token.claim': 'true',
            'introspection.token.claim': 'true',
            'id.token.claim': 'false',
            'userinfo.token.claim': 'false',
          },
        },
      ],
    });
    try {
      const account = await this.request<KeycloakUser>('GET', `/clients/${internalId}/service-account-user`);
      await this.removeDefaultRoles(account.id);
      await this.assignRealmRole(account.id, API_CLIENT_ROLE);
      const secret = await this.request<{ value: string }>('GET', `/clients/${internalId}/client-secret`);
      return { clientId, secret: secret.value };
    } catch (error) {
      // Never leave a half-configured client that could obtain tokens.
      await this.request('DELETE', `/clients/${internalId}`).catch(() => undefined);
      throw error;
    }
  }

  /** Deletes a tenant API client; refuses (KeycloakError 400) any client that is not one. */
  async deleteApiClient(clientId: string): Promise<void> {
    const client = await this.tenantApiClient(clientId, 'DELETE');
    await this.request('DELETE', `/clients/${client.id}`);
  }

  /** A new secret for a tenant API client: the old one stops working at once. Refuses any other client. */
  async rotateApiClientSecret(clientId: string): Promise<string> {
    const client = await this.tenantApiClient(clientId, 'POST');
    const secret = await this.request<{ value: string }>('POST', `/clients/${client.id}/client-secret`);
    return secret.value;
  }

  /** The client with this client id if it is a tenant API client; KeycloakError 404 or 400 otherwise. */
  private async tenantApiClient(clientId: string, method: string): Promise<{ id: string }> {
    const wanted = z.string().min(1).parse(clientId);
    const matches = await this.request<
      { id: string; clientId: string; attributes?: Record<string, string> }[]
    >('GET', `/clients?clientId=${encodeURIComponent(wanted)}`);
    const client = matches.find((candidate) => candidate.clientId === wanted);
    const path = `/clients?clientId=${wanted}`;
    if (!client) throw new KeycloakError(404, `client ${wanted} not found`, 'GET', path);
    if (!client.attributes?.[TENANT_ID_CLAIM]) {
      throw new KeycloakError(400, `client ${wanted} is not a tenant API client`, method, path);
    }
    return client;
  }

  // Service accounts get the realm's default roles (which include `buyer`); an API client must not.
  private async removeDefaultRoles(userId: string): Promise<void> {
    const defaultRole = await this.request<unknown>(
      'GET',
      `/roles/${encodeURIComponent(`default-roles-${this.config.realm}`)}`,
    );
    await this.request('DELETE', `/users/${userId}/role-mappings/realm`, [defaultRole]);
  }

  /** The id of the group at this path, creating the missing groups along it (a concurrent creator wins). */
  private async ensureGroup(path: readonly string[]): Promise<string> {
    let parentId: string | undefined;
    for (let depth = 1; depth <= path.length; depth += 1) {
      const prefix = path.slice(0, depth);
      const existing = await this.groupIdByPath(prefix);
      if (existing) {
        parentId = existing;
        continue;
      }
      const collection: string = parentId ? `/groups/${parentId}/children` : '/groups';
      try {
        parentId = await this.createAndReturnId(collection, { name: prefix[depth - 1] });
      } catch (error) {
        if (!(error instanceof KeycloakConflictError)) throw error;
        const created = await this.groupIdByPath(prefix);
        if (!created) throw error;
        parentId = created;
      }
    }
    if (!parentId) throw new Error('a group path needs at least one name');
    return parentId;
  }

  private async groupIdByPath(path: readonly string[]): Promise<string | undefined> {
    try {
      const group = await this.request<{ id: string }>(
        'GET',
        `/group-by-path/${path.map(encodeURIComponent).join('/')}`,
      );
      return group.id;
    } catch (error) {
      if (error instanceof KeycloakNotFoundError) return undefined;
      throw error;
    }
  }

  private async createAndReturnId(path: string, body: unknown): Promise<string> {
    const response = await this.send('POST', path, body);
    const location = response.headers.get('location');
    const createdId = location?.split('/').pop();
    if (!createdId)
      throw new KeycloakError(response.status, 'created without a Location header', 'POST', path);
    return createdId;
  }

  private async request<T = void>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body?: unknown, retried = false): Promise<Response> {
    const url = `${this.config.baseUrl.replace(/\/+$/, '')}/admin/realms/${encodeURIComponent(this.config.realm)}${path}`;
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await this.tokens.token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return response;
    const error = await keycloakErrorFrom(response, method, path);
    // A token revoked or expired early (e.g. Keycloak restarted) is renewed once.
    if (error instanceof KeycloakAuthError && error.status === 401 && !retried) {
      this.tokens.invalidate();
      return this.send(method, path, body, true);
    }
    return Promise.reject(error);
  }
}

function slug(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return cleaned || 'client';
}
