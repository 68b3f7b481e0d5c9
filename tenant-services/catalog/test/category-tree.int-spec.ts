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

const CREATE =
  'mutation($input: CreateCategoryInput!, $reason: String) { createCategory(input: $input, reason: $reason) { id name slug parentId path } }';
const RENAME =
  'mutation($input: RenameCategoryInput!, $reason: String) { renameCategory(input: $input, reason: $reason) { id name slug parentId path } }';
const MOVE =
  'mutation($id: ID!, $parentId: ID, $reason: String) { moveCategory(id: $id, parentId: $parentId, reason: $reason) { id parentId path } }';
const DELETE = 'mutation($id: ID!, $reason: String) { deleteCategory(id: $id, reason: $reason) { id } }';
const LIST = '{ categories { id name parentId path } }';
const SEARCH = 'query($s: ProductSearchInput) { products(search: $s) { nodes { id } } }';

interface Category {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  path: string[];
}

describe('catalog: the category tree edited by platform admins (real MongoDB, Kafka)', () => {
  const harness = new CatalogHarness();
  let roles: RoleIdentities;
  let seller: TestTenant;
  let audit: AuditTopicReader;

  beforeAll(async () => {
    await harness.start();
    [roles, seller] = await Promise.all([createRoleIdentities(), createTestTenant()]);
    audit = await readAuditTopic(process.env.KAFKA_BROKERS!.split(','));
  });
  afterAll(async () => {
    await audit?.stop();
    await harness.stop();
  });

  const create = async (name: string, parentId?: string): Promise<Category> =>
    (
      await harness.ok<{ createCategory: Category }>(
        CREATE,
        {
          input: { name, slug: `${name.toLowerCase()}-${ulid().toLowerCase()}`, parentId },
          reason: 'New range',
        },
        roles.admin.token,
      )
    ).createCategory;
  const productIn = async (categoryId: string): Promise<CreatedProduct> => {
    const { createProduct } = await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ title: `Filed ${ulid()}`, categoryId }) },
      seller.owner.token,
    );
    await harness.ok(PUBLISH_PRODUCT, { id: createProduct.id }, seller.owner.token);
    return createProduct;
  };
  const recordsOf = (id: string) => audit.records.filter((record) => record.targetId === id);

  it('renames and moves a category with its subtree and products, each audited with its reason', async () => {
    const home = await create('Home');
    const garden = await create('Garden');
    const lamps = await create('Lamps', home.id);
    const desk = await create('Desk', lamps.id);
    const product = await productIn(desk.id);

    const renamed = await harness.ok<{ renameCategory: Category }>(
      RENAME,
      { input: { id: lamps.id, name: 'Lighting' }, reason: 'Clearer name for buyers' },
      roles.admin.token,
    );
    expect(renamed.renameCategory).toMatchObject({ id: lamps.id, name: 'Lighting', slug: lamps.slug });

    const moved = await harness.ok<{ moveCategory: Category }>(
      MOVE,
      { id: lamps.id, parentId: garden.id, reason: 'Outdoor lights sell with garden goods' },
      roles.admin.token,
    );
    expect(moved.moveCategory).toEqual({ id: lamps.id, parentId: garden.id, path: [garden.id] });
    const tree = (await harness.ok<{ categories: Category[] }>(LIST)).categories;
    expect(tree.find((category) => category.id === desk.id)?.path).toEqual([garden.id, lamps.id]);
    const stored = await harness.db.collection('products').findOne({ _id: product.id as never });
    expect(stored?.['categoryPath']).toEqual([garden.id, lamps.id, desk.id]);
    // Buyers find it under its new ancestor, no longer under the old one.
    const under = async (categoryId: string) =>
      (await harness.ok<{ products: { nodes: { id: string }[] } }>(SEARCH, { s: { categoryId } })).products
        .nodes;
    await waitFor('the search index to follow the move', async () =>
      (await under(garden.id)).some((node) => node.id === product.id) ? true : undefined,
    );
    expect((await under(home.id)).map((node) => node.id)).not.toContain(product.id);

    await waitFor('create, rename and move records', () =>
      recordsOf(lamps.id).length >= 3 ? true : undefined,
    );
    expect(recordsOf(lamps.id).map((record) => record.action)).toEqual([
      'category.create',
      'category.rename',
      'category.move',
    ]);
    expect(recordsOf(lamps.id)[1]).toMatchObject({
      actorId: roles.admin.userId,
      service: 'catalog',
      tenantId: null,
      targetType: 'category',
      before: { name: 'Lamps' },
      after: { name: 'Lighting' },
      reason: 'Clearer name for buyers',
      read: false,
    });
    expect(recordsOf(lamps.id)[2]).toMatchObject({
      before: { parentId: home.id },
      after: { parentId: garden.id, parentName: 'Garden' },
      reason: 'Outdoor lights sell with garden goods',
    });
  });

  it('refuses a move under itself or its own subcategory, changing nothing', async () => {
    const top = await create('Top');
    const middle = await create('Middle', top.id);
    const bottom = await create('Bottom', middle.id);
    for (const parentId of [top.id, middle.id, bottom.id]) {
      const refused = await harness.gql(MOVE, { id: top.id, parentId }, roles.admin.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(
        /cannot move under itself or one of its own subcategories/,
      );
    }
    const unknown = await harness.gql(MOVE, { id: top.id, parentId: ulid() }, roles.admin.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tree = (await harness.ok<{ categories: Category[] }>(LIST)).categories;
    expect(tree.find((category) => category.id === top.id)).toMatchObject({ parentId: null, path: [] });
    expect(tree.find((category) => category.id === bottom.id)?.path).toEqual([top.id, middle.id]);
  });

  it('refuses deleting a category products or subcategories use, naming how many, and deletes an unused one', async () => {
    const kitchen = await create('Kitchen');
    const pans = await create('Pans', kitchen.id);
    await productIn(pans.id);
    await productIn(pans.id);

    const inUse = await harness.gql(DELETE, { id: pans.id, reason: 'Merged' }, roles.admin.token);
    expect(inUse.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(inUse.errors?.[0]?.message).toBe(
      "'Pans' is used by 2 products; file them under another category first",
    );
    const parent = await harness.gql(DELETE, { id: kitchen.id }, roles.admin.token);
    expect(parent.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(parent.errors?.[0]?.message).toMatch(/is used by 2 products/);

    const empty = await create('Empty', kitchen.id);
    await harness.ok(DELETE, { id: empty.id, reason: 'Created by mistake' }, roles.admin.token);
    const tree = (await harness.ok<{ categories: Category[] }>(LIST)).categories;
    expect(tree.map((category) => category.id)).not.toContain(empty.id);
    expect(tree.map((category) => category.id)).toContain(pans.id);
    await waitFor('the delete record', () =>
      recordsOf(empty.id).some((record) => record.action === 'category.delete') ? true : undefined,
    );
    expect(recordsOf(empty.id).at(-1)).toMatchObject({
      action: 'category.delete',
      before: { name: 'Empty', parentId: kitchen.id },
      reason: 'Created by mistake',
    });
    await waitFor('the drained tombstone to go', async () =>
      (await harness.db.collection('categories').countDocuments({ _id: empty.id as never })) === 0
        ? true
        : undefined,
    );
    // The slug is free again.
    const again = await harness.ok<{ createCategory: Category }>(
      CREATE,
      { input: { name: 'Empty', slug: empty.slug } },
      roles.admin.token,
    );
    expect(again.createCategory.slug).toBe(empty.slug);
    const childOfEmptyParent = await harness.gql(DELETE, { id: kitchen.id }, roles.admin.token);
    expect(childOfEmptyParent.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses sellers, staff, buyers and API clients every tree edit, changing nothing', async () => {
    const category = await create('Guarded');
    const other = await create('Elsewhere');
    for (const token of [
      roles.tenant.owner.token,
      roles.tenant.staff.token,
      roles.buyer.token,
      roles.apiClient.token,
    ]) {
      const answers = [
        await harness.gql(CREATE, { input: { name: 'Sneaky' } }, token),
        await harness.gql(RENAME, { input: { id: category.id, name: 'Taken over' } }, token),
        await harness.gql(MOVE, { id: category.id, parentId: other.id }, token),
        await harness.gql(DELETE, { id: category.id }, token),
      ];
      for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const tree = (await harness.ok<{ categories: Category[] }>(LIST)).categories;
    expect(tree.find((node) => node.id === category.id)).toMatchObject({ name: 'Guarded', parentId: null });
    expect(tree.map((node) => node.name)).not.toContain('Sneaky');
  });
});
