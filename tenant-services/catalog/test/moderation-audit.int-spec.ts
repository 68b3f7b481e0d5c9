import { readAuditTopic, type AuditTopicReader } from '@marketplace/audit/testing';
import { createTestAdmin, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
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

describe('catalog: moderation is audited with its reason (real MongoDB, Kafka)', () => {
  const harness = new CatalogHarness();
  let seller: TestTenant;
  let admin: TestUser;
  let audit: AuditTopicReader;

  beforeAll(async () => {
    await harness.start();
    [seller, admin] = await Promise.all([createTestTenant(), createTestAdmin()]);
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
  });
});
