import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeholdersIn, resolvePlaceholders } from './realm-placeholders';

const repo = join(__dirname, '..', '..', '..');
const realmText = readFileSync(join(repo, 'platform/identity/realm/marketplace-realm.json'), 'utf8');

interface Client {
  clientId: string;
  secret?: string;
  publicClient?: boolean;
  serviceAccountsEnabled?: boolean;
}
interface User {
  username: string;
  serviceAccountClientId?: string;
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
}
interface Realm {
  clients: Client[];
  users: User[];
}

/** The local stack's settings (platform/stack/defaults.env), which `stack up` imports the realm with. */
function stackDefaults(): Record<string, string> {
  const lines = readFileSync(join(repo, 'platform/stack/defaults.env'), 'utf8').split('\n');
  return Object.fromEntries(
    lines
      .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('realm definition', () => {
  const realm = JSON.parse(realmText) as Realm;
  const serviceAccount = (clientId: string) =>
    realm.users.find((user) => user.serviceAccountClientId === clientId);

  it('holds no literal client secret: each confidential client takes its secret from an environment placeholder', () => {
    const confidential = realm.clients.filter((client) => client.publicClient === false);
    expect(confidential.map((client) => client.clientId)).toEqual([
      'marketplace-services',
      'marketplace-provisioning',
    ]);
    for (const client of confidential) expect(client.secret).toMatch(/^\$\{[A-Z_]+\}$/);
    expect(placeholdersIn(realmText)).toEqual([
      'KEYCLOAK_SERVICES_CLIENT_SECRET',
      'KEYCLOAK_PROVISIONING_CLIENT_SECRET',
    ]);
  });

  it('resolves with the local stack settings into the secrets the services are configured with', () => {
    const env = stackDefaults();
    const resolved = JSON.parse(resolvePlaceholders(realmText, env)) as Realm;
    const secretOf = (clientId: string) =>
      resolved.clients.find((client) => client.clientId === clientId)?.secret;
    expect(secretOf(env.KEYCLOAK_SERVICES_CLIENT_ID!)).toBe(env.KEYCLOAK_SERVICES_CLIENT_SECRET);
    expect(secretOf(env.KEYCLOAK_PROVISIONING_CLIENT_ID!)).toBe(env.KEYCLOAK_PROVISIONING_CLIENT_SECRET);
    expect(placeholdersIn(JSON.stringify(resolved))).toEqual([]);
  });

  it('refuses to resolve without a value, naming every missing variable, and escapes values for JSON', () => {
    expect(() => resolvePlaceholders(realmText, { KEYCLOAK_SERVICES_CLIENT_SECRET: 'x' })).toThrow(
      'The realm file needs KEYCLOAK_PROVISIONING_CLIENT_SECRET in the environment',
    );
    expect(() => resolvePlaceholders(realmText, {})).toThrow(
      'KEYCLOAK_SERVICES_CLIENT_SECRET, KEYCLOAK_PROVISIONING_CLIENT_SECRET',
    );
    const tricky = 'quote " and backslash \\ stay JSON';
    const resolved = JSON.parse(
      resolvePlaceholders(realmText, {
        KEYCLOAK_SERVICES_CLIENT_SECRET: tricky,
        KEYCLOAK_PROVISIONING_CLIENT_SECRET: 'p',
      }),
    ) as Realm;
    expect(resolved.clients.find((client) => client.clientId === 'marketplace-services')?.secret).toBe(
      tricky,
    );
  });

  it('gives the service-to-service client no roles at all, and only provisioning the admin roles it needs', () => {
    expect(serviceAccount('marketplace-services')).toMatchObject({ realmRoles: [], clientRoles: {} });
    expect(serviceAccount('marketplace-provisioning')?.clientRoles).toEqual({
      'realm-management': ['manage-realm', 'manage-users', 'manage-clients'],
    });
    const holders = realm.users.filter((user) => Object.keys(user.clientRoles ?? {}).length > 0);
    expect(holders.map((user) => user.serviceAccountClientId)).toEqual(['marketplace-provisioning']);
  });

  it('declares the service account of every client that has one, so an import resets its roles', () => {
    for (const client of realm.clients.filter((candidate) => candidate.serviceAccountsEnabled))
      expect(serviceAccount(client.clientId)).toBeDefined();
  });
});
