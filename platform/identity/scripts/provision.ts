/**
 * Creates or updates the marketplace realm from ../realm/*.json, then the demo organizations and
 * users. Idempotent: `platform/stack/stack up keycloak` runs it on every start.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  KeycloakAdminClient,
  KeycloakConflictError,
  ORGANIZATION_ROLES,
  keycloakAdminConfigFromEnv,
  resolvePlaceholders,
} from '../src';
import { MasterAdmin } from './realm-admin';

const realmDir = join(__dirname, '..', '..', 'realm');
const DEFINITION_HASH_ATTRIBUTE = 'marketplace.definitionSha256';

const mapperSchema = z.object({
  name: z.string(),
  protocol: z.string(),
  protocolMapper: z.string(),
  config: z.record(z.string(), z.string()),
});
const scopesFileSchema = z.object({
  clientScopes: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      protocol: z.string(),
      attributes: z.record(z.string(), z.string()),
      protocolMappers: z.array(mapperSchema),
    }),
  ),
  realmDefaultDefaultScopes: z.array(z.string()),
  clientDefaultScopes: z.record(z.string(), z.array(z.string())),
  defaultRealmRoles: z.array(z.string()),
});
const demoFileSchema = z.object({
  password: z.string(),
  users: z.array(
    z.object({
      email: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      realmRoles: z.array(z.string()),
      organization: z.string().optional(),
      organizationRole: z.enum(ORGANIZATION_ROLES).optional(),
    }),
  ),
  organizations: z.array(z.object({ alias: z.string(), name: z.string() })),
});

interface Named {
  id: string;
  name: string;
}

async function main(): Promise<void> {
  const env = z
    .object({
      KEYCLOAK_URL: z.url(),
      KEYCLOAK_REALM: z.string().min(1),
      KEYCLOAK_ADMIN_USER: z.string().min(1),
      KEYCLOAK_ADMIN_PASSWORD: z.string().min(1),
    })
    .parse(process.env);
  const realm = env.KEYCLOAK_REALM;
  const admin = await MasterAdmin.login(
    env.KEYCLOAK_URL,
    env.KEYCLOAK_ADMIN_USER,
    env.KEYCLOAK_ADMIN_PASSWORD,
  );

  await importRealm(admin, realm);
  await configureScopesAndRoles(admin, realm, scopesFileSchema.parse(readJson('client-scopes.json')));
  await seedDemoData(
    new KeycloakAdminClient(keycloakAdminConfigFromEnv()),
    demoFileSchema.parse(readJson('demo-data.json')),
  );
  console.log(`realm ${realm} provisioned`);
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(realmDir, file), 'utf8'));
}

// Creates the realm, or re-imports the definition only when it changed since the last import (the file or
// a secret it takes from the environment), so repeated `stack up` runs do not replace clients while other
// tests use them.
async function importRealm(admin: MasterAdmin, realm: string): Promise<void> {
  const raw = resolvePlaceholders(
    readFileSync(join(realmDir, 'marketplace-realm.json'), 'utf8'),
    process.env,
  );
  const hash = createHash('sha256').update(raw).digest('hex');
  const definition: Record<string, unknown> = { ...(JSON.parse(raw) as Record<string, unknown>), realm };
  const existing = await admin.find<{ attributes?: Record<string, string> }>(`/${realm}`);
  const attributes = { ...existing?.attributes, [DEFINITION_HASH_ATTRIBUTE]: hash };
  if (!existing) {
    console.log(`creating realm ${realm}`);
    await admin.call('POST', '', { ...definition, attributes });
    return;
  }
  if (existing.attributes?.[DEFINITION_HASH_ATTRIBUTE] === hash) return;
  console.log(`updating realm ${realm} from its changed definition`);
  const { roles, clients, users, ...settings } = definition;
  await admin.call('POST', `/${realm}/partialImport`, {
    ifResourceExists: 'OVERWRITE',
    roles,
    clients,
    users,
  });
  await admin.call('PUT', `/${realm}`, { ...settings, attributes });
}

async function configureScopesAndRoles(
  admin: MasterAdmin,
  realm: string,
  file: z.infer<typeof scopesFileSchema>,
): Promise<void> {
  const scopeIds = new Map<string, string>();
  for (const { protocolMappers, ...scope } of file.clientScopes) {
    const scopeId = await upsertClientScope(admin, realm, scope);
    scopeIds.set(scope.name, scopeId);
    const mappers = await admin.call<Named[]>(
      'GET',
      `/${realm}/client-scopes/${scopeId}/protocol-mappers/models`,
    );
    for (const mapper of protocolMappers) {
      const current = mappers.find((candidate) => candidate.name === mapper.name);
      const base = `/${realm}/client-scopes/${scopeId}/protocol-mappers/models`;
      if (current) await admin.call('PUT', `${base}/${current.id}`, { ...mapper, id: current.id });
      else await admin.call('POST', base, mapper);
    }
  }
  const scopeId = (name: string): string => {
    const found = scopeIds.get(name);
    if (!found) throw new Error(`client scope ${name} is not defined in client-scopes.json`);
    return found;
  };
  const realmDefaults = await admin.call<Named[]>('GET', `/${realm}/default-default-client-scopes`);
  for (const name of file.realmDefaultDefaultScopes) {
    if (realmDefaults.some((scope) => scope.name === name)) continue;
    await admin.call('PUT', `/${realm}/default-default-client-scopes/${scopeId(name)}`);
  }
  for (const [clientId, scopes] of Object.entries(file.clientDefaultScopes)) {
    const [client] = await admin.call<{ id: string }[]>(
      'GET',
      `/${realm}/clients?clientId=${encodeURIComponent(clientId)}`,
    );
    if (!client) throw new Error(`client ${clientId} is missing from the realm`);
    const defaults = await admin.call<Named[]>('GET', `/${realm}/clients/${client.id}/default-client-scopes`);
    for (const name of scopes) {
      if (defaults.some((scope) => scope.name === name)) continue;
      // A scope can be default or optional for a client, not both.
      await admin
        .call('DELETE', `/${realm}/clients/${client.id}/optional-client-scopes/${scopeId(name)}`)
        .catch(() => undefined);
      await admin.call('PUT', `/${realm}/clients/${client.id}/default-client-scopes/${scopeId(name)}`);
    }
  }
  const defaultRole = `default-roles-${realm}`;
  const roles = await Promise.all(
    file.defaultRealmRoles.map((role) => admin.call<unknown>('GET', `/${realm}/roles/${role}`)),
  );
  await admin.call('POST', `/${realm}/roles/${defaultRole}/composites`, roles);
}

async function upsertClientScope(
  admin: MasterAdmin,
  realm: string,
  scope: { name: string; description: string; protocol: string; attributes: Record<string, string> },
): Promise<string> {
  const scopes = await admin.call<Named[]>('GET', `/${realm}/client-scopes`);
  const current = scopes.find((candidate) => candidate.name === scope.name);
  if (current) {
    await admin.call('PUT', `/${realm}/client-scopes/${current.id}`, { ...current, ...scope });
    return current.id;
  }
  await admin.call('POST', `/${realm}/client-scopes`, scope);
  const created = (await admin.call<Named[]>('GET', `/${realm}/client-scopes`)).find(
    (candidate) => candidate.name === scope.name,
  );
  if (!created) throw new Error(`client scope ${scope.name} was not created`);
  return created.id;
}

async function seedDemoData(
  client: KeycloakAdminClient,
  demo: z.infer<typeof demoFileSchema>,
): Promise<void> {
  const orgIds = new Map<string, string>();
  for (const org of demo.organizations) {
    const found = await client.findOrganizationByAlias(org.alias);
    orgIds.set(org.alias, found?.id ?? (await client.createOrganization(org.name, org.alias)));
  }
  for (const user of demo.users) {
    const found = await client.findUserByEmail(user.email);
    const userId =
      found?.id ??
      (await client.createUser({
        email: user.email,
        password: demo.password,
        firstName: user.firstName,
        lastName: user.lastName,
      }));
    for (const role of user.realmRoles) await client.assignRealmRole(userId, role);
    if (!user.organization) continue;
    const orgId = orgIds.get(user.organization);
    if (!orgId) throw new Error(`demo user ${user.email} names unknown organization ${user.organization}`);
    try {
      await client.addMember(orgId, userId);
    } catch (error) {
      if (!(error instanceof KeycloakConflictError)) throw error;
    }
    if (user.organizationRole) await client.grantOrganizationRole(orgId, userId, user.organizationRole);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
