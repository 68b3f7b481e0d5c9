import { readAuditTopic, type AuditTopicReader } from '@marketplace/audit/testing';
import { createTestAdmin, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  PUBLISH_PRODUCT,
  productInput,
  waitFor,
  type CreatedProduct,
} from './support';

const MODERATE =
  'mutation($id: ID!, $m: ModerationState!, $reason: String) { moderateProduct(id: $id, moderation: $m, reason: $reason) { moderation } }';

const REJECT =
  'mutation($id: ID!, $reason: String!) { rejectProduct(id: $id, reason: $reason) { status moderation moderationReason } }';
const OWN = 'query($id: ID!) { myProduct(id: $id) { status moderation moderationReason } }';
const BUYER_VIEW = 'query($id: ID!) { product(id: $id) { id } }';

describe('catalog: moderation is audited with its reason (real MongoDB, Kafka)', () => {
  const harness = new CatalogHarness();
  let seller: TestTenant;
  let admin: TestUser;
  let audit: AuditTopicReader;

  beforeAll(async () => {
    await harness.start();
    [seller, admin] = await Promise.all([createTestTenant({ staff: true }), createTestAdmin()]);
    audit = await readAuditTopic(process.env.KAFKA_BROKERS!.split(','));
  });
  afterAll(async () => {
    await audit?.stop();
    await harness.stop();
  });

  it('refuses flagging or removing without a reason, and records who, before, after and why when given', async () => {
    const { createProduct: product } = await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ title: 'Audited lamp' }) },
      seller.owner.token,
    );
    await harness.ok(PUBLISH_PRODUCT, { id: product.id }, seller.owner.token);

    for (const m of ['FLAGGED', 'REMOVED']) {
      const refused = await harness.gql(MODERATE, { id: product.id, m }, admin.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const stored = await harness.db.collection('products').findOne({ _id: product.id as never });
    expect(stored?.['moderation']).toBe('none');

    const flagged = await harness.ok<{ moderateProduct: { moderation: string } }>(
      MODERATE,
      { id: product.id, m: 'FLAGGED', reason: 'Misleading safety claims' },
      admin.token,
    );
    expect(flagged.moderateProduct.moderation).toBe('FLAGGED');
    await harness.ok(MODERATE, { id: product.id, m: 'NONE' }, admin.token);

    const mine = () => audit.records.filter((record) => record.targetId === product.id);
    await waitFor('both audit records on the audit topic', () => (mine().length >= 2 ? true : undefined));
    expect(mine()[0]).toMatchObject({
      actorId: admin.userId,
      service: 'catalog',
      action: 'product.moderate',
      tenantId: seller.tenantId,
      targetType: 'product',
      before: { moderation: 'none', title: 'Audited lamp' },
      after: { moderation: 'flagged', title: 'Audited lamp' },
      reason: 'Misleading safety claims',
      read: false,
    });
    expect(mine()[1]).toMatchObject({ after: { moderation: 'none', title: 'Audited lamp' }, reason: null });
  });

  it('rejects a product back to its seller: unpublished and flagged with the reason, audited; published again it stays in the queue', async () => {
    const { createProduct: product } = await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ title: 'Rejected lamp' }) },
      seller.owner.token,
    );
    await harness.ok(PUBLISH_PRODUCT, { id: product.id }, seller.owner.token);
    await waitFor('the buyer sees the product', async () =>
      (await harness.ok<{ product: { id: string } | null }>(BUYER_VIEW, { id: product.id })).product
        ? true
        : undefined,
    );

    for (const reason of ['', '  x ']) {
      const refused = await harness.gql(REJECT, { id: product.id, reason }, admin.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const missing = await harness.gql(REJECT, { id: ulid(), reason: 'No such product' }, admin.token);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const rejected = await harness.ok<{ rejectProduct: unknown }>(
      REJECT,
      { id: product.id, reason: 'Photos show another brand' },
      admin.token,
    );
    expect(rejected.rejectProduct).toEqual({
      status: 'DRAFT',
      moderation: 'FLAGGED',
      moderationReason: 'Photos show another brand',
    });
    // Buyers no longer see it; its seller reads why.
    await waitFor('the product hidden from buyers', async () =>
      (await harness.ok<{ product: { id: string } | null }>(BUYER_VIEW, { id: product.id })).product === null
        ? true
        : undefined,
    );
    expect(
      (await harness.ok<{ myProduct: unknown }>(OWN, { id: product.id }, seller.owner.token)).myProduct,
    ).toEqual(rejected.rejectProduct);

    const record = () =>
      audit.records.find((entry) => entry.targetId === product.id && entry.action === 'product.reject');
    await waitFor('the rejection on the audit topic', () => record());
    expect(record()).toMatchObject({
      actorId: admin.userId,
      service: 'catalog',
      tenantId: seller.tenantId,
      targetType: 'product',
      before: { status: 'published', moderation: 'none', title: 'Rejected lamp' },
      after: { status: 'draft', moderation: 'flagged', title: 'Rejected lamp' },
      reason: 'Photos show another brand',
      read: false,
    });

    // The seller publishes it again: buyers see it, and it waits flagged for an admin's approval.
    await harness.ok(PUBLISH_PRODUCT, { id: product.id }, seller.owner.token);
    expect(
      (await harness.ok<{ myProduct: unknown }>(OWN, { id: product.id }, seller.owner.token)).myProduct,
    ).toEqual({
      status: 'PUBLISHED',
      moderation: 'FLAGGED',
      moderationReason: 'Photos show another brand',
    });
    await waitFor('the product shown to buyers again', async () =>
      (await harness.ok<{ product: { id: string } | null }>(BUYER_VIEW, { id: product.id })).product
        ? true
        : undefined,
    );

    // A removed product is restored before it can be rejected.
    await harness.ok(
      MODERATE,
      { id: product.id, m: 'REMOVED', reason: 'Counterfeit after all' },
      admin.token,
    );
    const removed = await harness.gql(
      REJECT,
      { id: product.id, reason: 'Photos show another brand' },
      admin.token,
    );
    expect(removed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses sellers moderation', async () => {
    const { createProduct: product } = await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ title: 'Own lamp' }) },
      seller.owner.token,
    );
    const refused = await harness.gql(
      MODERATE,
      { id: product.id, m: 'NONE', reason: 'mine' },
      seller.owner.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rejected = await harness.gql(
      REJECT,
      { id: product.id, reason: 'my own product' },
      seller.owner.token,
    );
    expect(rejected.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(rejected.data?.['rejectProduct'] ?? null).toBeNull();
    const staff = await harness.gql(
      REJECT,
      { id: product.id, reason: 'my own product' },
      seller.staff!.token,
    );
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
