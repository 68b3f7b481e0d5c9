import {
  createTestApiClient,
  createTestBuyer,
  createTestTenant,
  serviceToken,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { MEDIA_PRODUCT_IMAGE_OWNERSHIP_PATH } from '@marketplace/contracts';
import {
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  DELETE_MEDIA,
  MEDIA,
  MEDIA_LIST,
  pngImage,
  putToTicket,
  startMediaApp,
  uploadReadyMedia,
  type MediaTestApp,
  type UploadTicketAnswer,
} from './support';

interface ListAnswer {
  mediaList: {
    nodes: { id: string; status: string; purpose: string }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

describe('media ownership: tenants and buyers only ever reach their own media', () => {
  let media: MediaTestApp;
  let sellerA: TestTenant;
  let sellerB: TestTenant;
  let buyerA: TestUser;
  let buyerB: TestUser;

  beforeAll(async () => {
    [media, sellerA, sellerB, buyerA, buyerB] = await Promise.all([
      startMediaApp(),
      createTestTenant({ staff: true }),
      createTestTenant(),
      createTestBuyer(),
      createTestBuyer(),
    ]);
  });
  afterAll(() => media.close());

  const uploadReady = (purpose: 'PRODUCT_IMAGE' | 'REVIEW_PHOTO', token: string) =>
    uploadReadyMedia(media, purpose, token);

  async function pendingUpload(
    purpose: 'PRODUCT_IMAGE' | 'REVIEW_PHOTO',
    token: string,
  ): Promise<UploadTicketAnswer['createUpload']> {
    const image = await pngImage(100, 100);
    const created = await media.gql<UploadTicketAnswer>(
      CREATE_UPLOAD,
      { input: { purpose, contentType: 'image/png', sizeBytes: image.length, filename: 'pending.png' } },
      token,
    );
    const ticket = created.data!.createUpload;
    expect((await putToTicket(ticket, image)).status).toBe(200);
    return ticket;
  }

  async function storedState(collection: string, id: string) {
    const doc = await media.db.collection(collection).findOne({ _id: id as never });
    return {
      status: doc?.status,
      variants: (doc?.variants as unknown[] | undefined)?.length,
      pendingEventCount: doc?.pendingEventCount,
    };
  }

  it('seller B can neither read, complete, delete nor list seller A media; A media stay unchanged', async () => {
    const readyId = await uploadReady('PRODUCT_IMAGE', sellerA.owner.token);
    const pending = await pendingUpload('PRODUCT_IMAGE', sellerA.owner.token);
    const readyBefore = await storedState('tenant_media', readyId);
    const pendingBefore = await storedState('tenant_media', pending.mediaId);

    for (const [operation, id] of [
      [MEDIA, readyId],
      [DELETE_MEDIA, readyId],
      [COMPLETE_UPLOAD, pending.mediaId],
      [DELETE_MEDIA, pending.mediaId],
    ] as const) {
      const answer = await media.gql(operation, { id }, sellerB.owner.token);
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const listed = await media.gql<ListAnswer>(MEDIA_LIST, { first: 50 }, sellerB.owner.token);
    expect(listed.data?.mediaList.nodes).toEqual([]);

    expect(await storedState('tenant_media', readyId)).toEqual(readyBefore);
    expect(await storedState('tenant_media', pending.mediaId)).toEqual(pendingBefore);
    const original = (await media.db.collection('tenant_media').findOne({ _id: pending.mediaId as never }))!
      .originalKey as string;
    expect(await media.objectExists(original)).toBe(true);

    // A's own staff and API clients work on the tenant's media.
    const staffRead = await media.gql<{ media: { id: string } }>(
      MEDIA,
      { id: readyId },
      sellerA.staff!.token,
    );
    expect(staffRead.data?.media.id).toBe(readyId);
    const apiClient = await createTestApiClient(sellerA.tenantId);
    const completedByClient = await media.gql<{ completeUpload: { status: string } }>(
      COMPLETE_UPLOAD,
      { id: pending.mediaId },
      apiClient.token,
    );
    expect(completedByClient.data?.completeUpload.status).toBe('READY');
  });

  it('a buyer cannot touch seller media, and a seller cannot touch a buyer photo', async () => {
    const productImage = await uploadReady('PRODUCT_IMAGE', sellerA.owner.token);
    const reviewPhoto = await uploadReady('REVIEW_PHOTO', buyerA.token);

    for (const operation of [MEDIA, DELETE_MEDIA, COMPLETE_UPLOAD]) {
      const byBuyer = await media.gql(operation, { id: productImage }, buyerA.token);
      expect(byBuyer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const bySeller = await media.gql(operation, { id: reviewPhoto }, sellerA.owner.token);
      expect(bySeller.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const byOtherBuyer = await media.gql(operation, { id: reviewPhoto }, buyerB.token);
      expect(byOtherBuyer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await storedState('tenant_media', productImage)).toMatchObject({ status: 'ready', variants: 2 });
    expect(await storedState('buyer_media', reviewPhoto)).toMatchObject({ status: 'ready', variants: 2 });

    const buyerAList = await media.gql<ListAnswer>(MEDIA_LIST, { first: 10 }, buyerA.token);
    expect(buyerAList.data?.mediaList.nodes.map((node) => node.id)).toEqual([reviewPhoto]);
    const buyerBList = await media.gql<ListAnswer>(MEDIA_LIST, { first: 10 }, buyerB.token);
    expect(buyerBList.data?.mediaList.nodes).toEqual([]);
    // Buyers have no tenant: asking for product images yields nothing rather than someone else's.
    const buyerProducts = await media.gql<ListAnswer>(
      MEDIA_LIST,
      { first: 10, purpose: 'PRODUCT_IMAGE' },
      buyerA.token,
    );
    expect(buyerProducts.data?.mediaList.nodes).toEqual([]);
  });

  it('refuses product image uploads by buyers and review photos by API clients', async () => {
    const asBuyer = await media.gql(
      CREATE_UPLOAD,
      { input: { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes: 1000, filename: 'x.png' } },
      buyerB.token,
    );
    expect(asBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const apiClient = await createTestApiClient(sellerB.tenantId);
    const asClient = await media.gql(
      CREATE_UPLOAD,
      { input: { purpose: 'REVIEW_PHOTO', contentType: 'image/png', sizeBytes: 1000, filename: 'x.png' } },
      apiClient.token,
    );
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await media.gql(CREATE_UPLOAD, {
      input: { purpose: 'REVIEW_PHOTO', contentType: 'image/png', sizeBytes: 1000, filename: 'x.png' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await media.db.collection('buyer_media').countDocuments({ buyerId: buyerB.userId })).toBe(0);
  });

  it('pages through the tenant media newest first with opaque cursors and refuses a forged cursor', async () => {
    const tenant = await createTestTenant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await pendingUpload('PRODUCT_IMAGE', tenant.owner.token)).mediaId);

    const first = await media.gql<ListAnswer>(MEDIA_LIST, { first: 2 }, tenant.owner.token);
    expect(first.data!.mediaList.nodes.map((node) => node.id)).toEqual([ids[2], ids[1]]);
    expect(first.data!.mediaList.pageInfo.hasNextPage).toBe(true);
    const second = await media.gql<ListAnswer>(
      MEDIA_LIST,
      { first: 2, after: first.data!.mediaList.pageInfo.endCursor },
      tenant.owner.token,
    );
    expect(second.data!.mediaList.nodes.map((node) => node.id)).toEqual([ids[0]]);
    expect(second.data!.mediaList.pageInfo.hasNextPage).toBe(false);

    const forged = await media.gql(MEDIA_LIST, { first: 2, after: 'not-a-cursor' }, tenant.owner.token);
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await media.gql(MEDIA_LIST, { first: 1000 }, tenant.owner.token);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("answers which ids are a tenant's product images to the platform services only", async () => {
    const [imageOfA, imageOfB, reviewPhoto] = await Promise.all([
      uploadReady('PRODUCT_IMAGE', sellerA.owner.token),
      uploadReady('PRODUCT_IMAGE', sellerB.owner.token),
      uploadReady('REVIEW_PHOTO', buyerA.token),
    ]);
    const ask = (token: string) =>
      fetch(`${media.base}${MEDIA_PRODUCT_IMAGE_OWNERSHIP_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ tenantId: sellerA.tenantId, mediaIds: [imageOfA, imageOfB, reviewPhoto] }),
      });
    const answer = await ask(await serviceToken());
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ owned: [imageOfA] });
    // A seller may not probe which ids belong to which tenant.
    expect((await ask(sellerB.owner.token)).status).toBe(403);
  });
});
