import { ulid } from 'ulid';
import { createTestAdmin, createTestTenant, type TestTenant } from '@marketplace/testing';
import { CatalogHarness, waitFor } from './support';

const harness = new CatalogHarness();
let seller: TestTenant;
let other: TestTenant;
let categorySlug: string;

beforeAll(async () => {
  await harness.start();
  const [a, b, admin] = await Promise.all([createTestTenant(), createTestTenant(), createTestAdmin()]);
  seller = a;
  other = b;
  categorySlug = `import-shirts-${Date.now()}`;
  await harness.ok(
    'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
    { input: { name: 'Shirts', slug: categorySlug } },
    admin.token,
  );
});

afterAll(() => harness.stop());

interface Job {
  id: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  errors: { row: number; column: string; message: string }[];
}

const post = (body: string, token: string, contentType = 'text/csv') =>
  fetch(`${harness.base}/api/v1/products/import`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body,
  });
const getJob = async (id: string, token: string) =>
  fetch(`${harness.base}/api/v1/products/import/${id}`, { headers: { authorization: `Bearer ${token}` } });

describe('catalog: CSV product import', () => {
  it('makes one product of the rows sharing a product key: options, each row a variant; a bad row refuses its product whole', async () => {
    const unique = Date.now().toString(36).toUpperCase();
    const csv = [
      'product,title,currency,sku,price_minor,compare_at_minor,options,option_values,status',
      `nb-${unique},Notebook,EUR,NB-${unique}-1,990,1200,Size=A5|A4;Colour=Black|Red,Size=A5;Colour=Black,archived`,
      `mug-${unique},Mug,EUR,MUG-${unique}-1,900,,,,`,
      `nb-${unique},Notebook,EUR,NB-${unique}-2,1150,,Size=A5|A4;Colour=Black|Red,Size=A4;Colour=Red,archived`,
      `cup-${unique},Cup,EUR,CUP-${unique}-1,500,,,Colour=Blue,`,
      `cup-${unique},Cup,EUR,CUP-${unique}-2,-5,,,Colour=Green,`,
    ].join('\n');
    const response = await post(csv, other.owner.token);
    expect(response.status).toBe(202);
    const started = (await response.json()) as Job;
    const job = await waitFor('the import to complete', async () => {
      const current = (await (await getJob(started.id, other.owner.token)).json()) as Job;
      return current.status === 'completed' ? current : undefined;
    });
    expect(job).toMatchObject({ total: 5, processed: 5, created: 2 });
    expect(job.errors.map((e) => [e.row, e.column])).toEqual([
      [5, 'price_minor'],
      [4, 'product'],
    ]);
    const products = await harness.db
      .collection('products')
      .find({ tenantId: other.tenantId, title: { $in: ['Notebook', 'Mug', 'Cup'] } })
      .toArray();
    const notebook = products.find((p) =>
      p.variants.some((v: { sku: string }) => v.sku === `NB-${unique}-1`),
    );
    expect(notebook).toMatchObject({
      status: 'archived',
      options: [
        { name: 'Size', values: ['A5', 'A4'] },
        { name: 'Colour', values: ['Black', 'Red'] },
      ],
    });
    expect(
      notebook!.variants.map((v: { sku: string; compareAtMinor: number | null; optionValues: unknown }) => [
        v.sku,
        v.compareAtMinor,
        v.optionValues,
      ]),
    ).toEqual([
      [
        `NB-${unique}-1`,
        1200,
        [
          { name: 'Size', value: 'A5' },
          { name: 'Colour', value: 'Black' },
        ],
      ],
      [
        `NB-${unique}-2`,
        null,
        [
          { name: 'Size', value: 'A4' },
          { name: 'Colour', value: 'Red' },
        ],
      ],
    ]);
    expect(
      products.some((p) => p.variants.some((v: { sku: string }) => v.sku.startsWith(`CUP-${unique}`))),
    ).toBe(false);
  });

  it('creates the valid rows and reports every invalid row with its column', async () => {
    const unique = Date.now().toString(36).toUpperCase();
    const csv = [
      'title,description,category,currency,sku,price_minor,compare_at_minor,attributes,images,status',
      `Linen shirt,Breathable,${categorySlug},EUR,IMP-${unique}-1,4900,5900,color=white;fit=slim,,published`,
      `Broken price,,,EUR,IMP-${unique}-2,-5,,,,`,
      `Broken currency,,,EURO,IMP-${unique}-3,100,,,,`,
      `Wool socks,,,EUR,IMP-${unique}-4,900,,,,`,
      `Duplicate sku,,,EUR,IMP-${unique}-1,100,,,,`,
      `,,,EUR,IMP-${unique}-6,100,,,,`,
      `Bad attributes,,,EUR,IMP-${unique}-7,100,,color,,`,
      `Unknown category,,no-such-category,EUR,IMP-${unique}-8,100,,,,`,
    ].join('\n');
    const response = await post(csv, seller.owner.token);
    expect(response.status).toBe(202);
    const started = (await response.json()) as Job;
    expect(started).toMatchObject({ status: 'running', total: 8 });

    const job = await waitFor('the import to complete', async () => {
      const current = (await (await getJob(started.id, seller.owner.token)).json()) as Job;
      return current.status === 'completed' ? current : undefined;
    });
    expect(job).toMatchObject({ total: 8, processed: 8, created: 2 });
    expect(job.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'price_minor'],
      [3, 'currency'],
      [5, 'sku'],
      [6, 'title'],
      [7, 'attributes'],
      [8, 'category'],
    ]);

    const products = await harness.db.collection('products').find({ tenantId: seller.tenantId }).toArray();
    expect(products.map((p) => [p.title, p.status]).sort()).toEqual([
      ['Linen shirt', 'published'],
      ['Wool socks', 'draft'],
    ]);

    const viaGraphql = await harness.ok<{ productImport: Job }>(
      'query($id: ID!) { productImport(id: $id) { id status processed total created errors { row column message } } }',
      { id: started.id },
      seller.owner.token,
    );
    expect(viaGraphql.productImport).toMatchObject({ id: started.id, status: 'completed', created: 2 });
    expect(viaGraphql.productImport.errors).toHaveLength(6);

    expect((await getJob(started.id, other.owner.token)).status).toBe(404);
  });

  it('reads alt texts from image_alts and refuses, per row, an overlong, invisible-character or miscounted one', async () => {
    const unique = Date.now().toString(36).toUpperCase();
    const someId = ulid();
    const csv = [
      'title,currency,sku,price_minor,images,image_alts',
      `No pictures,EUR,ALT-${unique}-1,900,,`,
      `Overlong alt,EUR,ALT-${unique}-2,900,${someId}|${ulid()},"Front|${'x'.repeat(251)}"`,
      `Reordering alt,EUR,ALT-${unique}-3,900,${someId},"Front \u202Ekcab"`,
      `Alt without picture,EUR,ALT-${unique}-4,900,,A blue pen`,
      `Too many alts,EUR,ALT-${unique}-5,900,,${Array.from({ length: 21 }, (_, i) => `alt ${i}`).join('|')}`,
    ].join('\n');
    const response = await post(csv, seller.owner.token);
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as Job;
    const job = await waitFor('the import to complete', async () => {
      const current = (await (await getJob(id, seller.owner.token)).json()) as Job;
      return current.status === 'completed' ? current : undefined;
    });
    expect(job).toMatchObject({ total: 5, processed: 5, created: 1 });
    expect(job.errors).toEqual([
      { row: 2, column: 'image_alts', message: 'alt text 2: at most 250 characters' },
      {
        row: 3,
        column: 'image_alts',
        message: 'alt text 1: must not contain control or text-direction characters',
      },
      { row: 4, column: 'image_alts', message: 'one alt text per image: 0 expected, 1 given' },
      { row: 5, column: 'image_alts', message: 'at most 20 alt texts, one per image' },
    ]);
    const skus = (await harness.db.collection('products').find({ tenantId: seller.tenantId }).toArray())
      .flatMap((product) => product.variants.map((variant: { sku: string }) => variant.sku))
      .filter((sku: string) => sku.startsWith(`ALT-${unique}`));
    expect(skus).toEqual([`ALT-${unique}-1`]);
  });

  it('refuses a file it cannot read as a whole, creating no job', async () => {
    const jobs = () => harness.db.collection('import_jobs').countDocuments({ tenantId: seller.tenantId });
    const before = await jobs();
    expect((await post('title,colour\nShirt,red\n', seller.owner.token)).status).toBe(400);
    expect((await post('title,currency,sku,price_minor\n', seller.owner.token)).status).toBe(400);
    expect(
      (await post('title,currency,sku,price_minor\n"unterminated,EUR,X,1\n', seller.owner.token)).status,
    ).toBe(400);
    expect((await post(JSON.stringify({ csv: 'x' }), seller.owner.token, 'application/json')).status).toBe(
      400,
    );
    expect((await post('title,currency,sku,price_minor\nA,EUR,A,1\n', '')).status).toBe(401);
    expect(await jobs()).toBe(before);
  });

  it('documents the REST surface in /openapi.json', async () => {
    const document = (await (await fetch(`${harness.base}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/products/import', '/api/v1/products/import/{id}']),
    );
  });
});

describe('catalog: one running import per seller', () => {
  const csvOf = (rows: number) => {
    const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
    const lines = ['title,currency,sku,price_minor'];
    for (let row = 0; row < rows; row += 1) lines.push(`Bulk ${row},EUR,ONE-${unique}-${row},${100 + row}`);
    return lines.join('\n');
  };

  it('refuses a second import with 409 while the first runs, and accepts the next one after it', async () => {
    const tenant = await createTestTenant();
    const first = await post(csvOf(30), tenant.owner.token);
    expect(first.status).toBe(202);
    const started = (await first.json()) as Job;

    const second = await post(csvOf(2), tenant.owner.token);
    expect(second.status).toBe(409);
    expect(JSON.stringify(await second.json())).toContain(started.id);
    // Other sellers are not held up.
    expect((await post(csvOf(2), other.owner.token)).status).toBe(202);

    await waitFor(
      'the first import to complete',
      async () => {
        const current = (await (await getJob(started.id, tenant.owner.token)).json()) as Job;
        return current.status === 'completed' || undefined;
      },
      { timeoutMs: 120_000 },
    );
    expect((await post(csvOf(2), tenant.owner.token)).status).toBe(202);
  }, 180_000);

  it('marks an import cut by a restart failed and lets the seller start the next one', async () => {
    const tenant = await createTestTenant();
    // What a process killed mid-import leaves behind: its running job (heartbeat long gone) and the tenant's lock.
    const jobId = ulid();
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await harness.db.collection('import_jobs').insertOne({
      _id: jobId as never,
      tenantId: tenant.tenantId,
      status: 'running',
      total: 500,
      processed: 75,
      created: 75,
      errors: [],
      createdBy: tenant.owner.userId,
      createdAt: longAgo,
      finishedAt: null,
      heartbeatAt: longAgo,
    });
    await harness.db
      .collection('import_locks')
      .insertOne({ _id: tenant.tenantId as never, tenantId: tenant.tenantId, jobId, createdAt: longAgo });

    const next = await post(csvOf(2), tenant.owner.token);
    expect(next.status).toBe(202);
    const interrupted = (await (await getJob(jobId, tenant.owner.token)).json()) as Job;
    expect(interrupted).toMatchObject({ id: jobId, status: 'failed', processed: 75 });
  });
});
