import { loadConfig } from '@marketplace/config';
import { openSealedSecret } from '@marketplace/contracts';
import { createGateway, gatewayConfigSchema, type Gateway } from '@marketplace/gateway';
import {
  createTestAdmin,
  createTestBuyer,
  passwordToken,
  testKeycloakAdmin,
  type TestUser,
} from '@marketplace/testing';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import {
  BOOT_TIMEOUT_MS,
  dataOf,
  errorCodeOf,
  graphqlCall,
  startChildService,
  type ChildService,
  type GraphqlAnswer,
} from '../src';

const INVITATION_TOKEN_KEY = `e2e-invitation-key-${ulid()}`;
const SIGN_UP = 'mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { tenant { id } } }';
const APPROVE = 'mutation($id: ID!) { approveTenant(id: $id) { status } }';
const INVITE = 'mutation($email: String!) { inviteStaff(email: $email) { id } }';
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { tenantId } }';
const TEAM = '{ teamMembers { userId role } }';
const CREATE_CLIENT =
  'mutation($name: String!) { createApiClient(name: $name) { apiClient { id clientId } } }';
const REVOKE_CLIENT = 'mutation($id: ID!) { revokeApiClient(id: $id) { id } }';
const PAYOUTS = '{ payoutAccount { payoutsEnabled } payoutTransfers(first: 5) { nodes { id } } }';
const ONBOARD =
  'mutation($input: StartPayoutOnboardingInput!) { startPayoutOnboarding(input: $input) { url } }';
const MY_TENANT = '{ myTenant { id } }';
/** What the seller portal asks for (ADR 0032): a token naming every organization of the user. */
const ALL_ORGANIZATIONS = 'openid organization:*';

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/**
 * ADR 0036: a user's role depends on the organization the request acts for. One user owns store A and is staff
 * in store B (joined by invitation); through the gateway with real Keycloak tokens, the owner's operations
 * (payouts, team, API clients) succeed in A and are refused in B.
 */
describe('e2e: roles per organization through the gateway', () => {
  const run = ulid().toLowerCase();
  const databases = { tenants: `e2e_tenants_${run}`, payments: `e2e_payments_${run}` };
  const children: ChildService[] = [];
  let gateway: Gateway | undefined;
  let gatewayUrl: string;

  beforeAll(async () => {
    const [tenants, payments] = await Promise.all([
      startChildService('tenant-services/tenants', {
        LOG_LEVEL: 'warn',
        MYSQL_DATABASE: databases.tenants,
        AUDIT_EVENTS_GROUP: `e2e-tenants-audit-${run}`,
        INVITATION_TOKEN_KEY,
      }),
      startChildService('tenant-services/payments', {
        LOG_LEVEL: 'warn',
        MYSQL_DATABASE: databases.payments,
        PAYMENT_PROVIDER: 'test',
        SWEEP_INTERVAL_MS: '0',
        TENANT_EVENTS_GROUP: `e2e-payments-tenants-${run}`,
      }),
    ]);
    children.push(tenants, payments);
    gateway = createGateway(
      loadConfig(gatewayConfigSchema, {
        ...process.env,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        SUBGRAPHS: `tenants=${tenants.url},payments=${payments.url}`,
        RATE_LIMIT_KEY_PREFIX: `e2e:gateway:${run}`,
      }),
    );
    await gateway.start();
    const composition = gateway.supergraph.status();
    if (composition.errors.length > 0 || composition.composed.length !== 2)
      throw new Error(`The gateway did not compose the subgraphs: ${JSON.stringify(composition)}`);
    gatewayUrl = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  }, BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(children.map((child) => child.stop()));
    const connection = await mysql.createConnection(process.env.MYSQL_URL!);
    for (const database of Object.values(databases))
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.end();
  }, BOOT_TIMEOUT_MS);

  const gql = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
    tenantId?: string,
  ): Promise<GraphqlAnswer<T>> =>
    graphqlCall<T>(gatewayUrl, query, variables, token, tenantId ? { 'x-tenant-id': tenantId } : {});

  async function openStore(owner: TestUser, admin: TestUser): Promise<string> {
    const alias = `roles-${ulid().toLowerCase()}`;
    const signedUp = dataOf(
      await gql<{ signUpSeller: { tenant: { id: string } } }>(
        SIGN_UP,
        { input: { name: `Shop ${alias}`, alias } },
        owner.token,
      ),
      'sign-up',
    );
    const tenantId = signedUp.signUpSeller.tenant.id;
    dataOf(await gql(APPROVE, { id: tenantId }, admin.token), 'approval');
    return tenantId;
  }

  /** The accept token the invitation e-mail carries, opened from the staff-invited event as notifications does. */
  async function acceptTokenFor(email: string): Promise<string> {
    const connection = await mysql.createConnection({
      uri: process.env.MYSQL_URL!,
      database: databases.tenants,
    });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT envelope FROM outbox ORDER BY id');
      const invited = rows
        .map((row) => JSON.parse(row.envelope as string) as { type: string; payload: Record<string, string> })
        .filter((event) => event.type === 'tenant.staff-invited' && event.payload.email === email)
        .at(-1);
      if (!invited) throw new Error(`no invitation for ${email}`);
      return openSealedSecret(invited.payload.acceptTokenSealed!, INVITATION_TOKEN_KEY);
    } finally {
      await connection.end();
    }
  }

  it('gives the owner of A who joined B as staff the owner role in A only', async () => {
    const [user, ownerOfB, admin] = await Promise.all([
      createTestBuyer(),
      createTestBuyer(),
      createTestAdmin(),
    ]);
    const storeA = await openStore(user, admin);
    const storeB = await openStore(ownerOfB, admin);
    const ownerBToken = await passwordToken(ownerOfB.email);

    dataOf(await gql(INVITE, { email: user.email }, ownerBToken), 'invitation');
    const invitation = await acceptTokenFor(user.email);
    const ownerOfAToken = await passwordToken(user.email);
    const accepted = dataOf(
      await gql<{ acceptInvitation: { tenantId: string } }>(ACCEPT, { token: invitation }, ownerOfAToken),
      'acceptance',
    );
    expect(accepted.acceptInvitation.tenantId).toBe(storeB);

    // The invitation gave seller-staff in B and left A's role alone; the token says so per organization.
    expect(await testKeycloakAdmin().organizationRolesOf(user.userId)).toEqual({
      [storeA]: ['seller-owner'],
      [storeB]: ['seller-staff'],
    });
    const token = await passwordToken(user.email, user.password, ALL_ORGANIZATIONS);
    expect(claimsOf(token).organization_roles).toEqual(
      expect.arrayContaining([
        `/organization-roles/${storeA}/seller-owner`,
        `/organization-roles/${storeB}/seller-staff`,
      ]),
    );

    // Acting for A: owner. Team, API clients and payouts answer.
    const team = dataOf(
      await gql<{ teamMembers: { userId: string; role: string }[] }>(TEAM, {}, token, storeA),
      'team in A',
    );
    expect(team.teamMembers).toEqual([{ userId: user.userId, role: 'owner' }]);
    const payouts = dataOf(
      await gql<{ payoutTransfers: { nodes: unknown[] } }>(PAYOUTS, {}, token, storeA),
      'payouts in A',
    );
    expect(payouts.payoutTransfers.nodes).toEqual([]);
    const created = dataOf(
      await gql<{ createApiClient: { apiClient: { id: string } } }>(
        CREATE_CLIENT,
        { name: 'erp' },
        token,
        storeA,
      ),
      'API client in A',
    );
    dataOf(
      await gql(REVOKE_CLIENT, { id: created.createApiClient.apiClient.id }, token, storeA),
      'revoke in A',
    );

    // Acting for B: staff. The same operations are refused; staff work is not.
    const refusals: [string, Record<string, unknown>][] = [
      [TEAM, {}],
      [PAYOUTS, {}],
      [CREATE_CLIENT, { name: 'sneaky' }],
      [INVITE, { email: `friend-${run}@test.example.com` }],
      [ONBOARD, { input: { returnUrl: 'https://example.com/r', refreshUrl: 'https://example.com/f' } }],
    ];
    for (const [query, variables] of refusals) {
      const answer = await gql(query, variables, token, storeB);
      expect({ query, code: errorCodeOf(answer) }).toEqual({ query, code: 'FORBIDDEN' });
    }
    const ownTeamOfB = dataOf(
      await gql<{ teamMembers: { userId: string; role: string }[] }>(TEAM, {}, ownerBToken),
      'team of B',
    );
    expect(ownTeamOfB.teamMembers).toEqual([
      { userId: ownerOfB.userId, role: 'owner' },
      { userId: user.userId, role: 'staff' },
    ]);
    expect(dataOf(await gql(MY_TENANT, {}, token, storeB), 'B as staff')).toEqual({
      myTenant: { id: storeB },
    });

    // A member of two organizations must say which one a request acts for.
    expect(errorCodeOf(await gql(MY_TENANT, {}, token))).toBe('FORBIDDEN');
  });
});
