import { readAuditTopic, type AuditTopicReader } from '@marketplace/audit/testing';
import {
  createRoleIdentities,
  createTestTenant,
  type RoleIdentities,
  type TestTenant,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  PUBLISH_PRODUCT,
  productInput,
  waitFor,
  type CreatedProduct,
} from './support';

const ADMIN_PRODUCTS = `query($moderation: ModerationState, $status: ProductStatus, $sellerId: ID, $first: Int, $after: String) {
  adminProducts(moderation: $moderation, status: $status, sellerId: $sellerId, first: $first, after: $after) {
    nodes { id tenantId title status moderation moderationReason }
    pageInfo { hasNextPage endCursor }
  }
}`;
const COUNTS =
  'query($sellerId: ID!) { adminProductCounts(sellerId: $sellerId) { sellerId published listed } }';
const MODERATE =
  'mutation($id: ID!, $m: ModerationState!, $reason: String) { moderateProduct(id: $id, moderation: $m, reason: $reason) { moderation moderationReason } }';

interface AdminProduct {
  id: string;
  tenantId: string;
  title: string;
  status: string;
  moderation: string;
  moderationReason: string | null;
}
interface Page {
  adminProducts: { nodes: AdminProduct[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('catalog: the admins’ product list across sellers, in every state (real MongoDB, Kafka)', () => {
  const harness = new CatalogHarness();
  let roles: RoleIdentities;
  let other: TestTenant;
  let audit: AuditTopicReader;
  const ids: Record<string, string> = {};

  const create = async (tenant: TestTenant, title: string, publish: boolean) => {
    const { createProduct } = await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ title }) },
      tenant.owner.token,
    );
    if (publish) await harness.ok(PUBLISH_PRODUCT, { id: createProduct.id }, tenant.owner.token);
    return createProduct.id;
  };

  beforeAll(async () => {
    await harness.start();
    [roles, other] = await Promise.all([createRoleIdentities(), createTestTenant()]);
    audit = await readAuditTopic(process.env.KAFKA_BROKERS!.split(','));
    ids.draft = await create(roles.tenant, 'Draft kettle', false);
    ids.flagged = await create(roles.tenant, 'Flagged kettle', true);
    ids.removed = await create(roles.tenant, 'Removed kettle', true);
    ids.other = await create(other, 'Other seller’s kettle', true);
    await harness.ok(
      MODERATE,
      { id: ids.flagged, m: 'FLAGGED', reason: 'Unverified CE mark' },
      roles.admin.token,
    );
    await harness.ok(
      MODERATE,
      { id: ids.removed, m: 'REMOVED', reason: 'Counterfeit brand' },
      roles.admin.token,
    );
  });
  afterAll(async () => {
    await audit?.stop();
    await harness.stop();
  });

  it('lists every product of a seller (drafts, removed, a suspended seller’s) and pages with a cursor', async () => {
    // The seller is suspended: buyers see none of its products, the admin still sees them all.
    await harness.db
      .collection('products')
      .updateMany({ tenantId: roles.tenant.tenantId }, { $set: { tenantStatus: 'suspended' } });
    const all = await harness.ok<Page>(
      ADMIN_PRODUCTS,
      { sellerId: roles.tenant.tenantId },
      roles.admin.token,
    );
    expect(all.adminProducts.nodes.map((p) => p.id).sort()).toEqual(
      [ids.draft, ids.flagged, ids.removed].sort(),
    );
    expect(all.adminProducts.nodes.find((p) => p.id === ids.removed)).toMatchObject({
      moderation: 'REMOVED',
      moderationReason: 'Counterfeit brand',
      status: 'PUBLISHED',
    });

    const first = await harness.ok<Page>(
      ADMIN_PRODUCTS,
      { sellerId: roles.tenant.tenantId, first: 2 },
      roles.admin.token,
    );
    expect(first.adminProducts.nodes).toHaveLength(2);
    expect(first.adminProducts.pageInfo.hasNextPage).toBe(true);
    const second = await harness.ok<Page>(
      ADMIN_PRODUCTS,
      { sellerId: roles.tenant.tenantId, first: 2, after: first.adminProducts.pageInfo.endCursor },
      roles.admin.token,
    );
    expect(second.adminProducts.nodes).toHaveLength(1);
    expect(second.adminProducts.pageInfo.hasNextPage).toBe(false);
    expect([...first.adminProducts.nodes, ...second.adminProducts.nodes].map((p) => p.id)).toEqual(
      all.adminProducts.nodes.map((p) => p.id),
    );
  });

  it('counts a seller’s published products and those buyers see while it is active, exactly', async () => {
    // The suspended seller: a draft (not counted), a flagged one (listed) and a removed one (published, not listed).
    const counted = await harness.ok<{ adminProductCounts: unknown }>(
      COUNTS,
      { sellerId: roles.tenant.tenantId },
      roles.admin.token,
    );
    expect(counted.adminProductCounts).toEqual({ sellerId: roles.tenant.tenantId, published: 2, listed: 1 });
    const otherCounted = await harness.ok<{ adminProductCounts: unknown }>(
      COUNTS,
      { sellerId: other.tenantId },
      roles.admin.token,
    );
    expect(otherCounted.adminProductCounts).toEqual({ sellerId: other.tenantId, published: 1, listed: 1 });
    const noSeller = ulid();
    expect(
      (await harness.ok<{ adminProductCounts: unknown }>(COUNTS, { sellerId: noSeller }, roles.admin.token))
        .adminProductCounts,
    ).toEqual({
      sellerId: noSeller,
      published: 0,
      listed: 0,
    });
    const tooLong = await harness.gql(COUNTS, { sellerId: 'x'.repeat(37) }, roles.admin.token);
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const read = () =>
      audit.records.find(
        (record) =>
          record.action === 'products.read' &&
          record.targetType === 'product-counts' &&
          record.tenantId === other.tenantId,
      );
    await waitFor('the audited count on the audit topic', () => read());
    expect(read()).toMatchObject({
      actorId: roles.admin.userId,
      service: 'catalog',
      after: { sellerId: other.tenantId },
      read: true,
    });
  });

  it('filters the queue across sellers by moderation state and status; the seller reads its reason', async () => {
    const flagged = await harness.ok<Page>(
      ADMIN_PRODUCTS,
      { moderation: 'FLAGGED', first: 100 },
      roles.admin.token,
    );
    expect(flagged.adminProducts.nodes.every((p) => p.moderation === 'FLAGGED')).toBe(true);
    expect(flagged.adminProducts.nodes.map((p) => p.id)).toContain(ids.flagged);
    const drafts = await harness.ok<Page>(ADMIN_PRODUCTS, { status: 'DRAFT', first: 100 }, roles.admin.token);
    expect(drafts.adminProducts.nodes.map((p) => p.id)).toContain(ids.draft);
    expect(drafts.adminProducts.nodes.every((p) => p.status === 'DRAFT')).toBe(true);
    const otherSeller = await harness.ok<Page>(
      ADMIN_PRODUCTS,
      { sellerId: other.tenantId },
      roles.admin.token,
    );
    expect(otherSeller.adminProducts.nodes.map((p) => p.id)).toEqual([ids.other]);

    const own = await harness.ok<{ myProduct: { moderationReason: string | null } }>(
      'query($id: ID!) { myProduct(id: $id) { moderationReason } }',
      { id: ids.flagged },
      roles.tenant.owner.token,
    );
    expect(own.myProduct.moderationReason).toBe('Unverified CE mark');
    const cleared = await harness.ok<{
      moderateProduct: { moderation: string; moderationReason: string | null };
    }>(MODERATE, { id: ids.flagged, m: 'NONE' }, roles.admin.token);
    expect(cleared.moderateProduct).toEqual({ moderation: 'NONE', moderationReason: null });
  });

  it('records the cross-tenant read in the audit log and leaves no audit document behind', async () => {
    await harness.ok<Page>(
      ADMIN_PRODUCTS,
      { sellerId: other.tenantId, moderation: 'REMOVED' },
      roles.admin.token,
    );
    const read = () =>
      audit.records.find(
        (record) =>
          record.action === 'products.read' &&
          record.tenantId === other.tenantId &&
          (record.after as { moderation?: string } | null)?.moderation === 'removed',
      );
    await waitFor('the audited read on the audit topic', () => read());
    expect(read()).toMatchObject({
      actorId: roles.admin.userId,
      service: 'catalog',
      targetType: 'product-list',
      read: true,
    });
    await waitFor('the published audit documents deleted', async () =>
      (await harness.db.collection('audit_records').countDocuments()) === 0 ? true : undefined,
    );
  });

  it('records a search index rebuild with its reason', async () => {
    // The topic holds every run's records: this run's reason is its own.
    const reason = `Products imported by the data team ${ulid()}`;
    const started = await harness.gql(
      'mutation($reason: String) { rebuildSearchIndex(reason: $reason) { engine } }',
      { reason },
      roles.admin.token,
    );
    expect(started.errors).toBeUndefined();
    const record = () =>
      audit.records.find((entry) => entry.action === 'search-index.rebuild' && entry.reason === reason);
    await waitFor('the rebuild on the audit topic', () => record());
    expect(record()).toMatchObject({
      actorId: roles.admin.userId,
      service: 'catalog',
      tenantId: null,
      targetType: 'search-index',
      read: false,
    });
  });

  it('refuses sellers, staff, API clients and buyers', async () => {
    const tokens = {
      seller: roles.tenant.owner.token,
      staff: roles.tenant.staff.token,
      apiClient: roles.apiClient.token,
      buyer: roles.buyer.token,
    };
    for (const [who, token] of Object.entries(tokens)) {
      const refused = await harness.gql(ADMIN_PRODUCTS, { sellerId: roles.tenant.tenantId }, token);
      expect([who, refused.errors?.[0]?.extensions?.code]).toEqual([who, 'FORBIDDEN']);
      expect(refused.data?.['adminProducts'] ?? null).toBeNull();
      const count = await harness.gql(COUNTS, { sellerId: roles.tenant.tenantId }, token);
      expect([who, count.errors?.[0]?.extensions?.code]).toEqual([who, 'FORBIDDEN']);
      expect(count.data?.['adminProductCounts'] ?? null).toBeNull();
    }
    const rebuild = await harness.gql(
      'mutation { rebuildSearchIndex { engine } }',
      {},
      roles.tenant.owner.token,
    );
    expect(rebuild.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await harness.gql(ADMIN_PRODUCTS, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const anonymousCount = await harness.gql(COUNTS, { sellerId: roles.tenant.tenantId });
    expect(anonymousCount.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});
