import { OFFBOARDING_SERVICES } from '@marketplace/contracts';
import { OffboardingObjects, RECEIPTS_COLLECTION } from '@marketplace/offboarding';
import {
  createTestAdmin,
  createTestBuyer,
  passwordToken,
  testKeycloakAdmin,
  untarGzip,
  waitFor,
} from '@marketplace/testing';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import {
  BOOT_TIMEOUT_MS,
  dataOf,
  errorCodeOf,
  graphqlCall,
  Marketplace,
  scanMongo,
  scanMySql,
  scanRedis,
  scanS3,
  startPlatform,
  TENANT_TABLES,
  type Needle,
  type RunningPlatform,
  type ScanHit,
  type Seller,
  type TestUser,
} from '../src';

const SIGN_UP = `mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { tenant { id alias name } } }`;
const APPROVE = `mutation($id: ID!) { approveTenant(id: $id) { status } }`;
const SUSPEND = `mutation($id: ID!, $reason: String!) { suspendTenant(id: $id, reason: $reason) { status } }`;
const EXPORT = `mutation($id: ID!) { requestTenantExport(tenantId: $id) { id partsExpected } }`;
const EXPORTS = `query($id: ID!) { tenantExports(tenantId: $id) {
  id partsExpected servicesExpected parts { service records } completedAt archiveBytes downloadUrl
  downloadUrlExpiresAt } }`;
const DELETE = `mutation($id: ID!, $reason: String!) { requestTenantDeletion(tenantId: $id, reason: $reason) { id } }`;
const DELETION = `query($id: ID!) { tenantDeletion(tenantId: $id) {
  id reason completedAt services { service confirmedAt deleted anonymized } } }`;
const MARK = (step: string) => `mutation($id: ID!) { ${step}(id: $id) { id status } }`;
const SHIPPED = `mutation($id: ID!) { markShipped(id: $id, carrier: "DHL", trackingNumber: "00340434161094042557") { id } }`;
const CREATE_REVIEW = `mutation($input: CreateReviewInput!) { createReview(input: $input) { id } }`;
const REVIEWABLE = `query($ids: [ID!]!) { reviewablePurchases(sellerOrderIds: $ids) { canReview } }`;
const CREATE_UPLOAD = `mutation($input: CreateUploadInput!) { createUpload(input: $input) { mediaId uploadUrl headers { name value } } }`;
const COMPLETE_UPLOAD = `mutation($id: ID!) { completeUpload(mediaId: $id) { id status } }`;
const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } secret } }`;
const INVITE = `mutation($email: String!) { inviteStaff(email: $email) { id } }`;
const API_CLIENT = `mutation($name: String!) { createApiClient(name: $name) { apiClient { id clientId } } }`;

/** A 1×1 PNG: the media service decodes it like any product photo. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface ExportView {
  id: string;
  partsExpected: number;
  servicesExpected: string[];
  parts: { service: string; records: number }[];
  completedAt: string | null;
  downloadUrl: string | null;
  downloadUrlExpiresAt: string | null;
}

interface DeletionView {
  completedAt: string | null;
  services: { service: string; confirmedAt: string | null; deleted: number; anonymized: number }[];
}

/** The gateway's default rate-limit window: the seller's counters expire within it. */
const RATE_LIMIT_WINDOW_SECONDS = 60;

/**
 * Objects larger than this are searched by key only (and named in the scan's notes): the seller's objects here
 * are JSON Lines parts, one archive and a 1×1 picture, all far smaller, while the shared bucket may hold other
 * suites' large uploads written meanwhile.
 */
const MAX_SCANNED_OBJECT_BYTES = 8 * 1024 * 1024;

/** One line of the failure message: which store, where, what. */
const describeHit = (hit: ScanHit & { ttlSeconds?: number }) =>
  `${hit.store} ${hit.where}: ${hit.found}${hit.count > 1 ? ` (${hit.count} rows)` : ''}${
    hit.ttlSeconds !== undefined ? ` (ttl ${hit.ttlSeconds} s)` : ''
  } — ${hit.sample ?? ''}`;

/** The archive's files by name, as text. */
const lines = (file: Buffer | undefined) =>
  (file?.toString() ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Offboarding across every service that holds a seller's data, each in its own process against the real
 * stack: a seller with data everywhere is exported into one archive, then deleted; a scan of every table,
 * collection, Redis key and object then finds the tenant only in the rows ADR 0038 keeps anonymized.
 */
describe('e2e: tenant offboarding (export, deletion, scan of every store)', () => {
  let platform: RunningPlatform;
  let market: Marketplace;
  let admin: TestUser;
  let seller: Seller;
  let buyer: TestUser;
  let sellerOrderId: string;
  let productId: string;
  let mediaId: string;
  let apiClientId: string;
  let memberEmail: string;
  /** Before the seller exists: an object written earlier cannot hold its strings (see scanS3). */
  const startedAt = new Date(Date.now() - 60_000);
  const tenants = (query: string, variables: Record<string, unknown>, token: string) =>
    graphqlCall<Record<string, never>>(platform.urls.tenants!, query, variables, token);

  /** The seller's distinctive strings: its id, alias and name, and its staff's e-mail addresses. */
  const needles = (): Needle[] => [
    { label: 'tenant id', value: seller.tenantId },
    { label: 'alias', value: seller.alias },
    { label: 'store name', value: seller.name },
    { label: "owner's e-mail", value: seller.owner.email },
    { label: "member's e-mail", value: memberEmail },
  ];

  /**
   * Every store this platform uses, searched for every needle: the run's MySQL schemas and MongoDB databases
   * (every table and collection in them), every key and value of Redis and every object of the bucket.
   */
  async function scanEveryStore() {
    const run = platform.run;
    const connection = await mysql.createConnection(process.env.MYSQL_URL!);
    const mongo = await MongoClient.connect(process.env.MONGODB_URL!);
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const [schemas] = (await connection.query(
        'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
        [`e2e\\_%\\_${run}`],
      )) as unknown as [{ name: string }[]];
      const mySql = await scanMySql(
        connection,
        Object.fromEntries(schemas.map(({ name }) => [name.slice('e2e_'.length, -`_${run}`.length), name])),
        needles(),
      );
      const { databases } = await mongo.db('admin').admin().listDatabases({ nameOnly: true });
      const mongoScan = await scanMongo(
        mongo,
        databases.map(({ name }) => name).filter((name) => name.endsWith(`_${run}`)),
        needles(),
      );
      const redisScan = await scanRedis(redis, needles());
      // The server is shared: other suites' services (their own key prefixes) read the same topics and keep what
      // they learn of this seller, but take no part in offboarding (OFFBOARDING_PARTICIPANT=false, ADR 0038).
      // Every key of this platform names the run (cart, live streams, the gateway's rate limits and idempotency),
      // so its keys count and the others' are listed.
      const ofOthers = redisScan.hits.filter(({ where }) => !where.includes(run));
      if (ofOthers.length > 0)
        console.warn(
          `Other platforms' Redis keys mention the seller:\n${ofOthers.map(describeHit).join('\n')}`,
        );
      const s3Scan = await scanS3(OffboardingObjects.fromSettings(s3Settings()), needles(), {
        contentsWrittenSince: startedAt,
        maxContentBytes: MAX_SCANNED_OBJECT_BYTES,
      });
      const notes = [...mySql.notes, ...mongoScan.notes, ...redisScan.notes, ...s3Scan.notes];
      if (notes.length > 0) console.warn(`Not searched by the offboarding scan:\n${notes.join('\n')}`);
      return {
        hits: [
          ...mySql.hits,
          ...mongoScan.hits,
          ...redisScan.hits.filter((hit) => !ofOthers.includes(hit)),
          ...s3Scan.hits,
        ],
        unknownTenantTables: mySql.unknownTenantTables,
      };
    } finally {
      await connection.end();
      await mongo.close();
      redis.disconnect();
    }
  }

  /** ADR 0038's kept rows: the tenant's orders and ledger (and the deletion's record) keep its id, nothing else. */
  const keptByLaw = (hit: ScanHit) => {
    const table = hit.where.split('.').slice(0, 2).join('.');
    return (
      hit.store === 'mysql' && hit.found === 'tenant id' && (TENANT_TABLES[table] ?? 'deleted') !== 'deleted'
    );
  };

  /**
   * Copies that carry only the tenant id and go away on their own (ADR 0038): each service's outbox holds its
   * confirmation (and the audit records of the admin reading the progress) until the relay's retention, MongoDB
   * services stage their confirmation in a receipt, and the gateway's rate-limit window of the seller expires.
   */
  const transientByDesign = (hit: ScanHit & { ttlSeconds?: number }) =>
    hit.found === 'tenant id' &&
    ((hit.store === 'mysql' && hit.where.split('.')[1] === 'outbox') ||
      (hit.store === 'mongodb' && hit.where.split('.')[1]?.startsWith(`${RECEIPTS_COLLECTION}#`)) ||
      (hit.store === 'redis' &&
        hit.where.startsWith(`e2e:gateway:${platform.run}:`) &&
        hit.ttlSeconds !== undefined &&
        hit.ttlSeconds > 0 &&
        hit.ttlSeconds <= RATE_LIMIT_WINDOW_SECONDS));

  beforeAll(async () => {
    platform = await startPlatform({ reviews: true, notifications: true, offboarding: true });
    market = new Marketplace(platform);
    [admin, buyer] = await Promise.all([createTestAdmin(), createTestBuyer()]);
  }, 3 * BOOT_TIMEOUT_MS);
  afterAll(() => platform?.close(), BOOT_TIMEOUT_MS);

  it(
    'seeds a seller with data in every service',
    async () => {
      const owner = await createTestBuyer();
      // Every string the scan looks for is new and unique to this run, so a hit is this seller's and no other's.
      const alias = `offboard-${ulid().toLowerCase()}`;
      const name = `Quince Harbour Goods ${ulid()}`;
      memberEmail = `staff-${ulid().toLowerCase()}@example.com`;
      const signedUp = dataOf(
        await graphqlCall<{ signUpSeller: { tenant: { id: string; alias: string; name: string } } }>(
          platform.urls.tenants!,
          SIGN_UP,
          { input: { name, alias } },
          owner.token,
        ),
        'signUpSeller',
      ).signUpSeller.tenant;
      dataOf(await tenants(APPROVE, { id: signedUp.id }, admin.token), 'approveTenant');
      seller = {
        tenantId: signedUp.id,
        alias: signedUp.alias,
        name: signedUp.name,
        owner: { ...owner, token: await passwordToken(owner.email) },
      } as Seller;
      await market.onboardPayouts(seller);
      const ownerToken = seller.owner.token;

      // Catalog and inventory; then a buyer's checkout: orders, payments' ledger, notifications' feed.
      const product = await market.product(seller, 1_500, 5);
      productId = product.productId;
      await market.fillCart(buyer.token, [[product, 1]]);
      const order = dataOf(await market.checkout(buyer.token), 'checkout').checkout;
      expect(order.status).toBe('paid');
      sellerOrderId = order.sellerOrders[0]!.id;

      // Delivered, so the buyer may review it (reviews).
      for (const step of [MARK('markFulfilled'), SHIPPED, MARK('markDelivered')])
        dataOf(await platform.gql(step, { id: sellerOrderId }, ownerToken), 'seller order move');
      await waitFor('the delivery reached reviews', async () => {
        const answer = await platform.gql<{ reviewablePurchases: { canReview: boolean }[] }>(
          REVIEWABLE,
          { ids: [sellerOrderId] },
          buyer.token,
        );
        return answer.data?.reviewablePurchases.some((line) => line.canReview);
      });
      dataOf(
        await platform.gql(
          CREATE_REVIEW,
          { input: { sellerOrderId, productId, rating: 4, title: 'Fine', text: 'Arrived well packed.' } },
          buyer.token,
        ),
        'createReview',
      );

      // A product image (media: a document and its objects in S3).
      const ticket = dataOf(
        await graphqlCall<{
          createUpload: { mediaId: string; uploadUrl: string; headers: { name: string; value: string }[] };
        }>(
          platform.urls.media!,
          CREATE_UPLOAD,
          {
            input: {
              purpose: 'PRODUCT_IMAGE',
              contentType: 'image/png',
              sizeBytes: PIXEL.length,
              filename: 'front.png',
            },
          },
          ownerToken,
        ),
        'createUpload',
      ).createUpload;
      const headers = Object.fromEntries(
        ticket.headers
          .filter(({ name }) => name.toLowerCase() !== 'content-length')
          .map(({ name, value }) => [name, value]),
      );
      expect(
        (await fetch(ticket.uploadUrl, { method: 'PUT', body: new Uint8Array(PIXEL), headers })).status,
      ).toBe(200);
      dataOf(
        await graphqlCall(platform.urls.media!, COMPLETE_UPLOAD, { id: ticket.mediaId }, ownerToken),
        'completeUpload',
      );
      mediaId = ticket.mediaId;

      // A webhook endpoint, a staff invitation and an API client (webhooks, tenants, Keycloak).
      dataOf(
        await graphqlCall(
          platform.urls.webhooks!,
          CREATE_ENDPOINT,
          { input: { url: 'https://hooks.example.com/marketplace', topics: ['order.paid'] } },
          ownerToken,
        ),
        'createWebhookEndpoint',
      );
      dataOf(await tenants(INVITE, { email: memberEmail }, ownerToken), 'inviteStaff');
      // Deletion comes long after a seller's last events; here, wait until the slowest consumer (notifications
      // reads the tenants topic from its beginning in a fresh group) has caught up with the sign-up.
      const connection = await mysql.createConnection(process.env.MYSQL_URL!);
      try {
        await waitFor(
          "the admins' feed has the application",
          async () => {
            const [[row]] = (await connection.query(
              'SELECT COUNT(*) AS n FROM ??.notifications WHERE link LIKE ?',
              [`e2e_notifications_${platform.run}`, `%/sellers/${seller.tenantId}`],
            )) as unknown as [[{ n: number }]];
            return Number(row.n) > 0;
          },
          { timeoutMs: 180_000, intervalMs: 1000 },
        );
      } finally {
        await connection.end();
      }
      apiClientId = (
        dataOf(await tenants(API_CLIENT, { name: 'ERP sync' }, ownerToken), 'createApiClient') as unknown as {
          createApiClient: { apiClient: { clientId: string } };
        }
      ).createApiClient.apiClient.clientId;
    },
    5 * 60_000,
  );

  it(
    'exports everything the seller owns into one archive with a short-lived link',
    async () => {
      const requested = dataOf(
        await graphqlCall<{ requestTenantExport: ExportView }>(
          platform.urls.tenants!,
          EXPORT,
          { id: seller.tenantId },
          admin.token,
        ),
        'requestTenantExport',
      ).requestTenantExport;
      expect(requested.partsExpected).toBe(OFFBOARDING_SERVICES.length);

      const finished = await waitFor(
        'every service wrote its part and the archive was assembled',
        async () => {
          const [latest] = dataOf(
            await graphqlCall<{ tenantExports: ExportView[] }>(
              platform.urls.tenants!,
              EXPORTS,
              { id: seller.tenantId },
              admin.token,
            ),
            'tenantExports',
          ).tenantExports;
          return latest?.id === requested.id && latest.downloadUrl ? latest : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(finished.parts.map(({ service }) => service).sort()).toEqual([...OFFBOARDING_SERVICES].sort());
      expect(finished.servicesExpected).toEqual([...OFFBOARDING_SERVICES]);
      // The link is signed for OFFBOARDING_DOWNLOAD_URL_TTL_SECONDS (600 s by default) from the read.
      const validFor = Date.parse(finished.downloadUrlExpiresAt!) - Date.now();
      expect(validFor).toBeGreaterThan(0);
      expect(validFor).toBeLessThanOrEqual(600_000);

      const download = await fetch(finished.downloadUrl!);
      expect(download.status).toBe(200);
      const files = await untarGzip(Buffer.from(await download.arrayBuffer()));
      expect(JSON.parse(files.get('manifest.json')!.toString())).toMatchObject({ tenantId: seller.tenantId });
      expect(lines(files.get('catalog/products.jsonl')).map(({ _id }) => _id)).toContain(productId);
      expect(lines(files.get('inventory/stock_levels.jsonl'))).toHaveLength(1);
      expect(lines(files.get('orders/seller_orders.jsonl')).map(({ id }) => id)).toEqual([sellerOrderId]);
      expect(lines(files.get('orders/order_lines.jsonl'))[0]).toMatchObject({ product_id: productId });
      expect(lines(files.get('payments/seller_ledger_entries.jsonl')).length).toBeGreaterThan(0);
      expect(lines(files.get('reviews/reviews.jsonl'))[0]).toMatchObject({ productId, rating: 4 });
      expect(lines(files.get('tenants/tenants.jsonl'))[0]).toMatchObject({
        tenant_id: seller.tenantId,
        alias: seller.alias,
      });
      expect(lines(files.get('tenants/staff_invitations.jsonl'))).toHaveLength(1);
      // The staff: the organization's members in Keycloak with their roles in it (the owner, here).
      expect(lines(files.get('tenants/keycloak_members.jsonl'))).toEqual([
        expect.objectContaining({
          userId: seller.owner.userId,
          email: seller.owner.email,
          roles: ['seller-owner'],
        }),
      ]);
      expect(lines(files.get('tenants/api_clients.jsonl'))[0]).toMatchObject({ client_id: apiClientId });
      const [endpoint] = lines(files.get('webhooks/webhook_endpoints.jsonl'));
      expect(endpoint).toMatchObject({ url: 'https://hooks.example.com/marketplace' });
      expect(endpoint).not.toHaveProperty('secret');
      expect(lines(files.get('media/tenant_media.jsonl')).map(({ _id }) => _id)).toContain(mediaId);
      const images = [...files.keys()].filter((name) => name.startsWith(`media/objects/${mediaId}/`));
      expect(images).toContain(`media/objects/${mediaId}/original`);
      expect(files.get(`media/objects/${mediaId}/original`)).toEqual(PIXEL);
    },
    3 * 60_000,
  );

  it(
    "the scan finds each of the seller's strings before the deletion, in every kind of store",
    async () => {
      const { hits } = await scanEveryStore();
      const found = (store: ScanHit['store']) =>
        new Set(hits.filter((hit) => hit.store === store).map((hit) => hit.found));
      // Everything is in MySQL (the tenant's row, its invitation, the admins' feed); the export's parts in S3
      // carry them all too; catalog documents and the seller's live stream name the tenant.
      expect([...found('mysql')].sort()).toEqual(
        needles()
          .map(({ label }) => label)
          .sort(),
      );
      expect([...found('s3')].sort()).toEqual(
        needles()
          .map(({ label }) => label)
          .sort(),
      );
      expect([...found('mongodb')]).toContain('tenant id');
      expect([...found('redis')]).toContain('tenant id');
    },
    3 * 60_000,
  );

  it('refuses deletion to sellers, and to admins while the seller is not suspended', async () => {
    const reason = 'Closed the store at its request';
    expect(errorCodeOf(await tenants(DELETE, { id: seller.tenantId, reason }, seller.owner.token))).toBe(
      'FORBIDDEN',
    );
    expect(errorCodeOf(await tenants(DELETE, { id: seller.tenantId, reason }, admin.token))).toBe('CONFLICT');
    expect(errorCodeOf(await tenants(SUSPEND, { id: seller.tenantId, reason: '' }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it(
    'deletes the seller everywhere; a scan of every store finds only the anonymized order and ledger rows',
    async () => {
      dataOf(
        await tenants(SUSPEND, { id: seller.tenantId, reason: 'Offboarding on request' }, admin.token),
        'suspendTenant',
      );
      expect(errorCodeOf(await tenants(DELETE, { id: seller.tenantId, reason: 'x' }, admin.token))).toBe(
        'BAD_USER_INPUT',
      );
      dataOf(
        await tenants(
          DELETE,
          { id: seller.tenantId, reason: 'Closed the store at its request' },
          admin.token,
        ),
        'requestTenantDeletion',
      );
      const deletion = await waitFor(
        'every service confirmed the deletion',
        async () => {
          const view = (
            dataOf(
              await tenants(DELETION, { id: seller.tenantId }, admin.token),
              'tenantDeletion',
            ) as unknown as {
              tenantDeletion: DeletionView;
            }
          ).tenantDeletion;
          return view.completedAt ? view : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(deletion.services.map(({ service }) => service).sort()).toEqual(
        [...OFFBOARDING_SERVICES].sort(),
      );
      expect(deletion.services.every(({ confirmedAt }) => confirmedAt)).toBe(true);

      const scan = await scanEveryStore();
      const leftovers = scan.hits.filter((hit) => !keptByLaw(hit) && !transientByDesign(hit));
      expect(leftovers.map(describeHit)).toEqual([]);
      expect(scan.unknownTenantTables).toEqual([]);
      // The rows law keeps are there (the scan sees them), and only by the tenant id: anonymized.
      expect(scan.hits.filter(keptByLaw).map(({ where }) => where)).toEqual(
        expect.arrayContaining(['orders.seller_orders.tenant_id', 'tenants.tenant_deletions.tenant_id']),
      );

      // Keycloak: the organization (and so every membership) and the API client are gone.
      await expect(testKeycloakAdmin().getOrganization(seller.tenantId)).rejects.toMatchObject({
        status: 404,
      });
      expect(
        errorCodeOf(await tenants('{ myTenant { id } }', {}, await passwordToken(seller.owner.email))),
      ).toBeDefined();
    },
    3 * 60_000,
  );
});

function s3Settings() {
  return {
    S3_ENDPOINT: process.env.S3_ENDPOINT,
    S3_REGION: process.env.S3_REGION ?? 'us-east-1',
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY,
    S3_BUCKET: process.env.S3_BUCKET!,
    S3_FORCE_PATH_STYLE: process.env.S3_FORCE_PATH_STYLE === 'true',
  };
}
