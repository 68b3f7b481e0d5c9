import { createTestAdmin, createTestBuyer, type TestUser } from '@marketplace/testing';
import {
  errorCode,
  newSeller,
  readTenantTopic,
  startTenantsApp,
  waitFor,
  type TenantsTestApp,
  type Loose,
} from './support';

const APPROVE = 'mutation($id: ID!) { approveTenant(id: $id) { id status statusChangedBy } }';
const SUSPEND =
  'mutation($id: ID!, $reason: String!) { suspendTenant(id: $id, reason: $reason) { status suspensionReason } }';
const REACTIVATE = 'mutation($id: ID!) { reactivateTenant(id: $id) { status suspensionReason } }';
const COMMISSION =
  'mutation($id: ID!, $bps: Int!, $reason: String!) { setCommissionRate(id: $id, commissionBps: $bps, reason: $reason) { commissionBps } }';
const LIST = `query($status: TenantStatus, $first: Int, $after: String) {
  tenants(filter: { status: $status }, first: $first, after: $after) {
    nodes { id status } pageInfo { hasNextPage endCursor }
  }
}`;

describe('tenants: platform admin (real Keycloak, MariaDB, Kafka)', () => {
  let app: TenantsTestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startTenantsApp();
    admin = await createTestAdmin();
  });
  afterAll(() => app.close());

  it('approves, suspends and reactivates, recording history and publishing each event to Kafka', async () => {
    const seller = await newSeller(app);
    const topic = await readTenantTopic(app.config.KAFKA_BROKERS, seller.tenantId);
    try {
      const approved = await app.gql(APPROVE, { id: seller.tenantId }, admin.token);
      expect(approved.data?.approveTenant).toEqual({
        id: seller.tenantId,
        status: 'ACTIVE',
        statusChangedBy: admin.userId,
      });
      const suspended = await app.gql(
        SUSPEND,
        { id: seller.tenantId, reason: 'Counterfeit goods' },
        admin.token,
      );
      expect(suspended.data?.suspendTenant).toEqual({
        status: 'SUSPENDED',
        suspensionReason: 'Counterfeit goods',
      });
      const reactivated = await app.gql(REACTIVATE, { id: seller.tenantId }, admin.token);
      expect(reactivated.data?.reactivateTenant).toEqual({ status: 'ACTIVE', suspensionReason: null });

      const expectedTypes = [
        'tenant.registered',
        'tenant.activated',
        'tenant.suspended',
        'tenant.reactivated',
      ];
      const outbox = await app.outboxEvents(seller.tenantId);
      expect(outbox.map((event) => event.type)).toEqual(expectedTypes);
      expect(outbox.every((event) => event.key === seller.tenantId)).toBe(true);
      expect(outbox[2]!.payload).toMatchObject({
        tenantId: seller.tenantId,
        reason: 'Counterfeit goods',
        suspendedBy: admin.userId,
      });

      await waitFor('the four events on Kafka', () => topic.events.length >= 4);
      expect(topic.events.map((event) => event.type)).toEqual(expectedTypes);
      expect(topic.events.every((event) => event.key === seller.tenantId)).toBe(true);
      await waitFor('the outbox rows marked published', async () =>
        (await app.outboxEvents(seller.tenantId)).every((event) => event.published),
      );
    } finally {
      await topic.stop();
    }

    const history = await app.gql(
      'query { tenants(first: 100) { nodes { id statusHistory { from to changedBy reason } } } }',
      {},
      admin.token,
    );
    const node = history.data!.tenants.nodes.find((node: Loose) => node.id === seller.tenantId);
    expect(node.statusHistory).toEqual([
      { from: null, to: 'PENDING', changedBy: seller.owner.userId, reason: null },
      { from: 'PENDING', to: 'ACTIVE', changedBy: admin.userId, reason: null },
      { from: 'ACTIVE', to: 'SUSPENDED', changedBy: admin.userId, reason: 'Counterfeit goods' },
      { from: 'SUSPENDED', to: 'ACTIVE', changedBy: admin.userId, reason: null },
    ]);
  });

  it('refuses transitions that skip a state', async () => {
    const seller = await newSeller(app);
    expect(
      errorCode(await app.gql(SUSPEND, { id: seller.tenantId, reason: 'Fraud suspected' }, admin.token)),
    ).toBe('CONFLICT');
    expect(errorCode(await app.gql(REACTIVATE, { id: seller.tenantId }, admin.token))).toBe('CONFLICT');
    await app.gql(APPROVE, { id: seller.tenantId }, admin.token);
    expect(errorCode(await app.gql(APPROVE, { id: seller.tenantId }, admin.token))).toBe('CONFLICT');
    expect((await app.outboxEvents(seller.tenantId)).map((event) => event.type)).toEqual([
      'tenant.registered',
      'tenant.activated',
    ]);
  });

  it('answers an unknown tenant with NOT_FOUND', async () => {
    const answer = await app.gql(APPROVE, { id: '00000000-0000-4000-8000-000000000000' }, admin.token);
    expect(errorCode(answer)).toBe('NOT_FOUND');
  });

  it('refuses every admin operation to sellers and buyers, changing nothing', async () => {
    const seller = await newSeller(app);
    const buyer = await createTestBuyer();
    for (const token of [seller.ownerToken, buyer.token]) {
      expect(errorCode(await app.gql(APPROVE, { id: seller.tenantId }, token))).toBe('FORBIDDEN');
      expect(
        errorCode(await app.gql(COMMISSION, { id: seller.tenantId, bps: 0, reason: 'not mine' }, token)),
      ).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(LIST, {}, token))).toBe('FORBIDDEN');
    }
    const mine = await app.gql('{ myTenant { status commissionBps } }', {}, seller.ownerToken);
    expect(mine.data?.myTenant).toEqual({
      status: 'PENDING',
      commissionBps: app.config.DEFAULT_COMMISSION_BPS,
    });
    expect(await app.outboxEvents(seller.tenantId)).toHaveLength(1);
  });

  it('sets the commission rate within 0..10000 and records the change', async () => {
    const seller = await newSeller(app);
    const reason = 'Negotiated volume rate';
    expect(
      errorCode(await app.gql(COMMISSION, { id: seller.tenantId, bps: 1250, reason: ' x ' }, admin.token)),
    ).toBe('BAD_USER_INPUT');
    const set = await app.gql(COMMISSION, { id: seller.tenantId, bps: 1250, reason }, admin.token);
    expect(set.data?.setCommissionRate).toEqual({ commissionBps: 1250 });
    const unchanged = await app.gql(COMMISSION, { id: seller.tenantId, bps: 1250, reason }, admin.token);
    expect(unchanged.data?.setCommissionRate).toEqual({ commissionBps: 1250 });

    for (const bps of [10_001, -1]) {
      expect(errorCode(await app.gql(COMMISSION, { id: seller.tenantId, bps, reason }, admin.token))).toBe(
        'BAD_USER_INPUT',
      );
    }
    const events = await app.outboxEvents(seller.tenantId);
    expect(events.map((event) => event.type)).toEqual(['tenant.registered', 'tenant.commission-changed']);
    expect(events[1]!.payload).toMatchObject({
      previousCommissionBps: app.config.DEFAULT_COMMISSION_BPS,
      commissionBps: 1250,
      changedBy: admin.userId,
    });
    // One audit record with the reason (the unchanged repeat and the refusals record nothing).
    const audited = (await app.outboxEvents())
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload as Record<string, unknown>)
      .filter(
        (entry) => entry['action'] === 'tenant.set-commission' && entry['tenantId'] === seller.tenantId,
      );
    expect(audited).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        before: { commissionBps: app.config.DEFAULT_COMMISSION_BPS },
        after: { commissionBps: 1250 },
        reason,
      }),
    ]);
    const mine = await app.gql('{ myTenant { commissionBps } }', {}, seller.ownerToken);
    expect(mine.data?.myTenant).toEqual({ commissionBps: 1250 });
  });

  it('refuses an empty suspension reason, writing nothing', async () => {
    const seller = await newSeller(app, { active: true, admin });
    expect(errorCode(await app.gql(SUSPEND, { id: seller.tenantId, reason: '  ' }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
    const events = await app.outboxEvents(seller.tenantId);
    expect(events.map((event) => event.type)).toEqual(['tenant.registered', 'tenant.activated']);
  });

  it('pages through tenants with opaque cursors, filtered by status, and refuses a forged cursor', async () => {
    const sellers = [await newSeller(app), await newSeller(app), await newSeller(app)];
    const pendingIds = new Set(sellers.map((seller) => seller.tenantId));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const answer: Loose = await app.gql(LIST, { status: 'PENDING', first: 2, after }, admin.token);
      expect(answer.errors).toBeUndefined();
      const { nodes, pageInfo } = answer.data.tenants;
      expect(nodes.length).toBeLessThanOrEqual(2);
      seen.push(...nodes.map((edge: Loose) => edge.id));
      expect(nodes.every((node: Loose) => node.status === 'PENDING')).toBe(true);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of pendingIds) expect(seen).toContain(id);

    for (const forged of ['garbage', Buffer.from('{"c":"now","i":1}').toString('base64url')]) {
      expect(errorCode(await app.gql(LIST, { first: 2, after: forged }, admin.token))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await app.gql(LIST, { first: 0 }, admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(LIST, { first: 101 }, admin.token))).toBe('BAD_USER_INPUT');
  });

  it('shows anyone only the public profile of a tenant, also as a federation entity', async () => {
    const seller = await newSeller(app);
    const query = `query($id: ID!) { tenant(id: $id) { id name alias status } }`;
    const anonymous = await app.gql(query, { id: seller.tenantId });
    expect(anonymous.data?.tenant).toEqual({
      id: seller.tenantId,
      name: `Shop ${seller.alias}`,
      alias: seller.alias,
      status: 'PENDING',
    });
    const hidden = await app.gql(`query($id: ID!) { tenant(id: $id) { commissionBps } }`, {
      id: seller.tenantId,
    });
    expect(hidden.status).toBe(400);

    const entities = await app.gql(
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Tenant { id alias status } } }',
      { representations: [{ __typename: 'Tenant', id: seller.tenantId }] },
    );
    expect(entities.data?._entities).toEqual([
      { id: seller.tenantId, alias: seller.alias, status: 'PENDING' },
    ]);
    expect((await app.gql(query, { id: '00000000-0000-4000-8000-000000000000' })).data?.tenant).toBeNull();
  });
});
