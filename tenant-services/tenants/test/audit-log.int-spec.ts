import { eq } from 'drizzle-orm';
import { auditLog } from '../src/audit/audit-log.schema';
import { createTestAdmin, createTestBuyer, type TestUser } from '@marketplace/testing';
import { errorCode, newSeller, startTenantsApp, waitFor, type Loose, type TenantsTestApp } from './support';

const FIELDS = 'id occurredAt actorId service action tenantId targetType targetId before after reason read';
const AUDIT = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } }
}`;
const CSV = 'query($filter: AuditLogFilter) { auditLogCsv(filter: $filter) }';

describe('tenants: the audit trail of admin actions (real Keycloak, MariaDB, Kafka)', () => {
  let app: TenantsTestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startTenantsApp();
    admin = await createTestAdmin();
  });
  afterAll(() => app.close());

  const records = async (filter: Record<string, unknown>, first = 50, after?: string): Promise<Loose> => {
    const answer = await app.gql(AUDIT, { filter, first, after }, admin.token);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data!.auditLog;
  };

  it('records approve, suspend and reactivate with who, before, after and reason, through the outbox and Kafka', async () => {
    const seller = await newSeller(app);
    const approve = await app.gql(
      'mutation($id: ID!, $reason: String) { approveTenant(id: $id, reason: $reason) { status } }',
      { id: seller.tenantId, reason: 'KYC documents checked' },
      admin.token,
    );
    expect(approve.data?.approveTenant.status).toBe('ACTIVE');
    const suspend = await app.gql(
      'mutation($id: ID!, $reason: String!) { suspendTenant(id: $id, reason: $reason) { status } }',
      { id: seller.tenantId, reason: 'Counterfeit goods reported' },
      admin.token,
    );
    expect(suspend.data?.suspendTenant.status).toBe('SUSPENDED');
    await app.gql(
      'mutation($id: ID!) { reactivateTenant(id: $id) { status } }',
      { id: seller.tenantId },
      admin.token,
    );

    // The audit event sits in the outbox of the transaction that made the change.
    const outbox = (await app.outboxEvents()).filter(
      (event) => event.type === 'audit.recorded' && event.payload.tenantId === seller.tenantId,
    );
    expect(outbox.map((event) => event.payload.action)).toEqual([
      'tenant.approve',
      'tenant.suspend',
      'tenant.reactivate',
    ]);

    await waitFor(
      'the three records collected from Kafka',
      async () => ((await records({ tenantId: seller.tenantId })).nodes as unknown[]).length >= 3,
    );
    const { nodes } = await records({ tenantId: seller.tenantId });
    expect(nodes.map((node: Loose) => node.action)).toEqual([
      'tenant.reactivate',
      'tenant.suspend',
      'tenant.approve',
    ]);
    expect(nodes[1]).toMatchObject({
      actorId: admin.userId,
      service: 'tenants',
      tenantId: seller.tenantId,
      targetType: 'tenant',
      targetId: seller.tenantId,
      reason: 'Counterfeit goods reported',
      read: false,
    });
    expect(JSON.parse(nodes[1].before)).toEqual({ status: 'active' });
    expect(JSON.parse(nodes[1].after)).toEqual({ status: 'suspended' });
    expect(nodes[2].reason).toBe('KYC documents checked');
  });

  it('refuses a suspension without a worded reason and records nothing for it', async () => {
    const seller = await newSeller(app, { active: true, admin });
    const answer = await app.gql(
      'mutation($id: ID!, $reason: String!) { suspendTenant(id: $id, reason: $reason) { status } }',
      { id: seller.tenantId, reason: ' x ' },
      admin.token,
    );
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    const outbox = (await app.outboxEvents()).filter(
      (event) =>
        event.type === 'audit.recorded' &&
        event.payload.action === 'tenant.suspend' &&
        event.payload.tenantId === seller.tenantId,
    );
    expect(outbox).toEqual([]);
  });

  it('records cross-tenant reads, pages newest first by cursor, filters and exports CSV', async () => {
    const before = new Date(Date.now() - 1000);
    for (let i = 0; i < 3; i++)
      await app.gql('query { tenants(first: 1) { pageInfo { hasNextPage } } }', {}, admin.token);
    const filter = { actorId: admin.userId, action: 'tenants.read', from: before.toISOString() };
    await waitFor(
      'the three reads collected',
      async () => ((await records(filter)).nodes as unknown[]).length >= 3,
    );

    const first = await records(filter, 2);
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.nodes.every((node: Loose) => node.read && node.actorId === admin.userId)).toBe(true);
    const second = await records(filter, 2, first.pageInfo.endCursor);
    expect(second.nodes.length).toBeGreaterThanOrEqual(1);
    const ids = [...first.nodes, ...second.nodes].map((node: Loose) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.nodes[0].occurredAt >= first.nodes[1].occurredAt).toBe(true);

    const seller = await newSeller(app);
    const account = await app.gql(
      'query($id: ID!) { tenantAccount(id: $id) { id status } }',
      { id: seller.tenantId },
      admin.token,
    );
    expect(account.data?.tenantAccount).toEqual({ id: seller.tenantId, status: 'PENDING' });
    await waitFor('the detail read collected', async () =>
      ((await records({ tenantId: seller.tenantId, action: 'tenant.read' })).nodes as Loose[]).some(
        (node) => node.read && node.actorId === admin.userId && node.targetId === seller.tenantId,
      ),
    );

    // What a form sends: the fields left empty as null.
    const nulls = await records({ ...filter, tenantId: null, to: null, changesOnly: null }, 1);
    expect(nulls.nodes).toHaveLength(1);

    const changesOnly = await records({ ...filter, changesOnly: true });
    expect(changesOnly.nodes).toEqual([]);
    const prefix = await records({ action: 'tenant.', from: before.toISOString() });
    expect(prefix.nodes.every((node: Loose) => node.action.startsWith('tenant.'))).toBe(true);

    const csv = await app.gql(CSV, { filter }, admin.token);
    const lines = (csv.data?.auditLogCsv as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,occurred_at,actor_id,service,action,tenant_id,target_type,target_id,before,after,reason,read',
    );
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines[1]).toContain(',tenants,tenants.read,');

    expect(errorCode(await app.gql(AUDIT, { filter: { action: 'DROP TABLE' } }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('is append-only: the same event delivered twice is stored once', async () => {
    const [row] = await app.database.db.select().from(auditLog).limit(1);
    expect(row).toBeDefined();
    await app.database.db.insert(auditLog).ignore().values(row!);
    const [again] = await app.database.db.select().from(auditLog).limit(1);
    expect(again).toEqual(row);
    // The database itself refuses changing or removing a record (migration 0005's triggers).
    const refusal = (work: Promise<unknown>) =>
      work.then(
        () => 'changed',
        (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
      );
    expect(
      await refusal(
        app.database.db.update(auditLog).set({ reason: 'rewritten' }).where(eq(auditLog.id, row!.id)),
      ),
    ).toMatch(/append-only/);
    expect(await refusal(app.database.db.delete(auditLog).where(eq(auditLog.id, row!.id)))).toMatch(
      /append-only/,
    );
    const [unchanged] = await app.database.db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(unchanged).toEqual(row);
  });

  it('refuses sellers, staff and buyers the audit log and its export', async () => {
    const seller = await newSeller(app, { active: true, admin });
    const buyer = await createTestBuyer();
    for (const token of [seller.ownerToken, buyer.token, undefined]) {
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(
        errorCode(
          await app.gql('query($id: ID!) { tenantAccount(id: $id) { id } }', { id: seller.tenantId }, token),
        ),
      );
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(errorCode(await app.gql(AUDIT, {}, token)));
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(errorCode(await app.gql(CSV, {}, token)));
    }
  });
});
