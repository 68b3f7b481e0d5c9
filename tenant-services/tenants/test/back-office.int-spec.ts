import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  testKeycloakAdmin,
  type TestUser,
} from '@marketplace/testing';
import {
  errorCode,
  newSeller,
  readTenantTopic,
  startTenantsApp,
  waitFor,
  type Loose,
  type TenantsTestApp,
} from './support';

const REJECT =
  'mutation($id: ID!, $reason: String!) { rejectTenant(id: $id, reason: $reason) { status rejectionReason suspensionReason } }';
const APPROVE = 'mutation($id: ID!) { approveTenant(id: $id) { status } }';
const STAFF = 'query($id: ID!) { sellerStaff(sellerId: $id) { userId email name role } }';
const USER = 'query($email: String!) { userByEmail(email: $email) { id email name } }';

describe('tenants: rejecting applications, staff and user look-ups for admins (real Keycloak, MariaDB, Kafka)', () => {
  let app: TenantsTestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startTenantsApp();
    admin = await createTestAdmin();
  });
  afterAll(() => app.close());

  /**
   * The audit records this app wrote with its changes and reads (its outbox, in the same transaction); their
   * collection into the audit log through Kafka is audit-log.int-spec's concern.
   */
  const auditOf = async (filter: { tenantId?: string; actorId?: string; action: string }): Promise<Loose[]> =>
    (await app.outboxEvents())
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload as Loose)
      .filter(
        (entry) =>
          entry.action === filter.action &&
          (filter.tenantId === undefined || entry.tenantId === filter.tenantId) &&
          (filter.actorId === undefined || entry.actorId === filter.actorId),
      );

  it('rejects a pending application with the reason the seller sees, publishes and audits it', async () => {
    const seller = await newSeller(app);
    const topic = await readTenantTopic(app.config.KAFKA_BROKERS, seller.tenantId);
    try {
      const rejected = await app.gql(
        REJECT,
        { id: seller.tenantId, reason: '  Documents do not match the company register  ' },
        admin.token,
      );
      expect(rejected.data?.rejectTenant).toEqual({
        status: 'REJECTED',
        rejectionReason: 'Documents do not match the company register',
        suspensionReason: null,
      });
      const mine = await app.gql('{ myTenant { status rejectionReason } }', {}, seller.ownerToken);
      expect(mine.data?.myTenant).toEqual({
        status: 'REJECTED',
        rejectionReason: 'Documents do not match the company register',
      });
      await waitFor('tenant.rejected on Kafka', () => topic.events.length >= 2);
      expect(topic.events[1]).toMatchObject({
        type: 'tenant.rejected',
        key: seller.tenantId,
        payload: {
          tenantId: seller.tenantId,
          reason: 'Documents do not match the company register',
          rejectedBy: admin.userId,
        },
      });
    } finally {
      await topic.stop();
    }
    expect(await auditOf({ tenantId: seller.tenantId, action: 'tenant.reject' })).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        targetId: seller.tenantId,
        before: { status: 'pending' },
        after: { status: 'rejected' },
        reason: 'Documents do not match the company register',
        read: false,
      }),
    ]);
  });

  it('makes rejection final and a rejected seller powerless, refusing a rejection without a reason', async () => {
    const seller = await newSeller(app);
    expect(errorCode(await app.gql(REJECT, { id: seller.tenantId, reason: ' ' }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await app.outboxEvents(seller.tenantId)).map((event) => event.type)).toEqual([
      'tenant.registered',
    ]);
    await app.gql(REJECT, { id: seller.tenantId, reason: 'Prohibited goods' }, admin.token);
    expect(errorCode(await app.gql(APPROVE, { id: seller.tenantId }, admin.token))).toBe('CONFLICT');
    expect(
      errorCode(await app.gql(REJECT, { id: seller.tenantId, reason: 'Prohibited goods' }, admin.token)),
    ).toBe('CONFLICT');
    const invite = await app.gql(
      'mutation { inviteStaff(email: "helper@example.com") { id } }',
      {},
      seller.ownerToken,
    );
    expect(errorCode(invite)).toBe('FORBIDDEN');
    const client = await app.gql(
      'mutation { createApiClient(name: "erp") { clientSecret } }',
      {},
      seller.ownerToken,
    );
    expect(errorCode(client)).toBe('FORBIDDEN');

    const active = await newSeller(app, { active: true, admin });
    expect(
      errorCode(await app.gql(REJECT, { id: active.tenantId, reason: 'Too late for that' }, admin.token)),
    ).toBe('CONFLICT');
    const overview = await app.gql('{ sellerOverview(days: 7) { rejected } }', {}, admin.token);
    expect(overview.data?.sellerOverview.rejected).toBeGreaterThanOrEqual(1);
  });

  it("lists a seller's members with their roles for an admin, as an audited cross-tenant read", async () => {
    const seller = await newSeller(app, { active: true, admin });
    const staff = await createTestBuyer();
    await testKeycloakAdmin().addMember(seller.tenantId, staff.userId);
    const answer = await app.gql(STAFF, { id: seller.tenantId }, admin.token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.sellerStaff).toEqual([
      expect.objectContaining({ userId: seller.owner.userId, email: seller.owner.email, role: 'owner' }),
      expect.objectContaining({ userId: staff.userId, email: staff.email, role: 'staff' }),
    ]);
    expect(await auditOf({ tenantId: seller.tenantId, action: 'staff.read' })).toEqual([
      expect.objectContaining({ actorId: admin.userId, read: true, targetId: seller.tenantId }),
    ]);
    expect(errorCode(await app.gql(STAFF, { id: 'not-a-tenant' }, admin.token))).toBe('BAD_USER_INPUT');
  });

  it('finds a user by e-mail for an admin (any case), null when nobody has it, audited', async () => {
    const tenant = await createTestTenant();
    const found = await app.gql(USER, { email: tenant.owner.email.toUpperCase() }, admin.token);
    expect(found.data?.userByEmail).toMatchObject({ id: tenant.owner.userId, email: tenant.owner.email });
    const nobody = await app.gql(USER, { email: `nobody-${tenant.alias}@example.com` }, admin.token);
    expect(nobody.errors).toBeUndefined();
    expect(nobody.data?.userByEmail).toBeNull();
    expect(errorCode(await app.gql(USER, { email: 'not an address' }, admin.token))).toBe('BAD_USER_INPUT');
    const records = await auditOf({ actorId: admin.userId, action: 'user.lookup' });
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.map((record) => record.targetId)).toContain(tenant.owner.userId);
    expect(records.every((record) => record.read)).toBe(true);
  });

  it('refuses sellers, staff and buyers every new admin operation, changing nothing', async () => {
    const seller = await newSeller(app);
    const tenant = await createTestTenant({ staff: true });
    const buyer = seller.owner;
    for (const token of [seller.ownerToken, tenant.owner.token, tenant.staff!.token, buyer.token]) {
      expect(errorCode(await app.gql(REJECT, { id: seller.tenantId, reason: 'No way' }, token))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await app.gql(STAFF, { id: tenant.tenantId }, token))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(USER, { email: tenant.owner.email }, token))).toBe('FORBIDDEN');
    }
    const mine = await app.gql('{ myTenant { status } }', {}, seller.ownerToken);
    expect(mine.data?.myTenant).toEqual({ status: 'PENDING' });
  });
});
