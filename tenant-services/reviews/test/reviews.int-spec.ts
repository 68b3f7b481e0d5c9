import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { readTopic } from '@marketplace/e2e';
import {
  closeProducer,
  CREATE_REVIEW,
  dataOf,
  deliveredOrder,
  DISMISS,
  errorCode,
  HELPFUL,
  learned,
  MY_REVIEWS,
  paidOrder,
  product,
  PRODUCT_REVIEWS,
  type ProductReviewsAnswer,
  readyReviewPhoto,
  REMOVE,
  REPLY,
  REPORT,
  REPORTED,
  REVIEW,
  reviewInput,
  SELLER_RATING,
  SELLER_REVIEWS,
  sellerOrderMoved,
  startReviewsApp,
  UPDATE_REVIEW,
  waitFor,
  type ReviewsTestApp,
} from './support';

interface Created {
  createReview: {
    id: string;
    rating: number;
    status: string;
    verifiedPurchase: boolean;
    skus: string[];
    photos: { id: string }[];
  };
}

describe('reviews: verified purchases, one review per product and order, replies, votes, moderation, aggregates', () => {
  let app: ReviewsTestApp;
  let seller: TestTenant;
  let otherSeller: TestTenant;
  let buyer: TestUser;
  let otherBuyer: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startReviewsApp();
    [seller, otherSeller, buyer, otherBuyer, admin] = await Promise.all([
      createTestTenant(),
      createTestTenant(),
      createTestBuyer(),
      createTestBuyer(),
      createTestAdmin(),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await closeProducer();
  });

  const productPage = async (productId: string, variables: Record<string, unknown> = {}) =>
    dataOf(
      await app.gql<ProductReviewsAnswer>(PRODUCT_REVIEWS, {
        reps: [{ __typename: 'Product', id: productId }],
        ...variables,
      }),
    )._entities[0]!;

  const myReviewCount = async (token: string) =>
    dataOf(await app.gql<{ myReviews: { nodes: unknown[] } }>(MY_REVIEWS, {}, token)).myReviews.nodes.length;

  it('refuses a buyer whose order is not delivered, or who never bought the product; stores nothing', async () => {
    const bought = product();
    const paid = await paidOrder(buyer.userId, seller.tenantId, [bought]);
    await learned(app, buyer.token, paid, false);

    const notDelivered = await app.gql(CREATE_REVIEW, { input: reviewInput(paid, bought) }, buyer.token);
    expect(errorCode(notDelivered)).toBe('FORBIDDEN');
    expect(notDelivered.errors![0]!.message).toMatch(/delivered/);

    const delivered = await deliveredOrder(app, buyer, seller.tenantId, [product()]);
    const notInOrder = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(delivered, product()) },
      buyer.token,
    );
    expect(errorCode(notInOrder)).toBe('FORBIDDEN');

    const someoneElses = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(delivered, bought) },
      otherBuyer.token,
    );
    expect(errorCode(someoneElses)).toBe('FORBIDDEN');

    const bySeller = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(delivered, bought) },
      seller.owner.token,
    );
    expect(errorCode(bySeller)).toBe('FORBIDDEN');

    expect(await myReviewCount(buyer.token)).toBe(0);
    expect(await myReviewCount(otherBuyer.token)).toBe(0);
    expect((await productPage(bought.productId)).rating.count).toBe(0);
  });

  it('opens a seller order for reviews only on its own seller’s delivery, and keeps the first delivery time', async () => {
    const paid = await paidOrder(buyer.userId, seller.tenantId, [product()]);
    const purchases = app.db.collection<{ _id: string; deliveredAt: Date | null }>('purchases');
    const deliveredAt = async () => (await purchases.findOne({ _id: paid.sellerOrderId }))?.deliveredAt;
    // Every event below has the order's key, so each is handled after the ones published before it.
    const afterKey = async () => {
      const marker = await paidOrder(buyer.userId, seller.tenantId, [product()], paid.buyerOrderId);
      await learned(app, buyer.token, marker, false);
    };

    await sellerOrderMoved({ ...paid, tenantId: otherSeller.tenantId }, 'shipped', 'delivered');
    await afterKey();
    await learned(app, buyer.token, paid, false);
    expect(await deliveredAt()).toBeNull();

    await sellerOrderMoved(paid, 'shipped', 'delivered');
    await learned(app, buyer.token, paid, true);
    const first = await deliveredAt();
    expect(first).toBeInstanceOf(Date);

    await sellerOrderMoved(paid, 'shipped', 'delivered');
    await afterKey();
    expect(await deliveredAt()).toEqual(first);
  });

  it('lets the buyer of a delivered order review once; the aggregates and the list follow within a second', async () => {
    const bought = product();
    const ref = await deliveredOrder(app, buyer, seller.tenantId, [bought]);

    const created = await app.gql<Created>(
      CREATE_REVIEW,
      { input: reviewInput(ref, bought, { rating: 2 }) },
      buyer.token,
    );
    const review = dataOf(created).createReview;
    expect(review).toMatchObject({
      rating: 2,
      status: 'PUBLISHED',
      verifiedPurchase: true,
      skus: [bought.sku],
    });

    // A 2-star review is live at once: nothing is held back for being low.
    const page = await productPage(bought.productId);
    expect(page.reviews.nodes.map((node) => node.id)).toEqual([review.id]);

    const rated = await waitFor(
      'the product aggregate',
      async () => {
        const { rating } = await productPage(bought.productId);
        return rating.count === 1 ? rating : undefined;
      },
      { timeoutMs: 1000, intervalMs: 25 },
    );
    expect(rated).toEqual({ count: 1, average: 2, distribution: [0, 1, 0, 0, 0] });
    // The seller's aggregate is stored right after the product's, from the same event.
    await waitFor('the seller aggregate', async () => {
      const answer = await app.gql<{ _entities: { rating: { count: number } }[] }>(SELLER_RATING, {
        reps: [{ __typename: 'Tenant', id: seller.tenantId }],
      });
      return dataOf(answer)._entities[0]!.rating.count >= 1;
    });

    const again = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(ref, bought, { rating: 5 }) },
      buyer.token,
    );
    expect(errorCode(again)).toBe('CONFLICT');
    expect((await productPage(bought.productId)).reviews.nodes).toHaveLength(1);

    const reviewable = await learned(app, buyer.token, ref, false);
    expect(reviewable).toEqual([
      {
        sellerOrderId: ref.sellerOrderId,
        productId: bought.productId,
        canReview: false,
        reviewId: review.id,
      },
    ]);
  });

  it('refuses bad input with clear errors and stores nothing', async () => {
    const bought = product();
    const ref = await deliveredOrder(app, otherBuyer, seller.tenantId, [bought]);
    const strangersPhoto = await readyReviewPhoto(buyer.userId);
    const before = await myReviewCount(otherBuyer.token);

    for (const rating of [0, 6, -1]) {
      const answer = await app.gql(
        CREATE_REVIEW,
        { input: reviewInput(ref, bought, { rating }) },
        otherBuyer.token,
      );
      expect(errorCode(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors![0]!.message).toMatch(/rating: a whole number of stars from 1 to 5/);
    }
    const long = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(ref, bought, { text: 'x'.repeat(20_000) }) },
      otherBuyer.token,
    );
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
    expect(long.errors![0]!.message).toMatch(/text: at most 5000 characters/);

    const blank = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(ref, bought, { title: '  ' }) },
      otherBuyer.token,
    );
    expect(errorCode(blank)).toBe('BAD_USER_INPUT');

    const tooManyPhotos = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(ref, bought, { photoIds: ['a', 'b', 'c', 'd', 'e', 'f'] }) },
      otherBuyer.token,
    );
    expect(errorCode(tooManyPhotos)).toBe('BAD_USER_INPUT');

    await waitFor('the photo learned from media', () =>
      app.db.collection('review_photos').findOne({ _id: strangersPhoto as never }),
    );
    const foreignPhoto = await app.gql(
      CREATE_REVIEW,
      { input: reviewInput(ref, bought, { photoIds: [strangersPhoto] }) },
      otherBuyer.token,
    );
    expect(errorCode(foreignPhoto)).toBe('BAD_USER_INPUT');
    expect(foreignPhoto.errors![0]!.message).toMatch(/not a ready review photo you uploaded/);

    expect(await myReviewCount(otherBuyer.token)).toBe(before);
    expect((await productPage(bought.productId)).reviews.nodes).toHaveLength(0);

    // The buyer's own photo is accepted.
    const ownPhoto = await readyReviewPhoto(otherBuyer.userId);
    const withPhoto = await waitFor('a review with the own photo', async () => {
      const answer = await app.gql<Created>(
        CREATE_REVIEW,
        { input: reviewInput(ref, bought, { photoIds: [ownPhoto] }) },
        otherBuyer.token,
      );
      return answer.errors ? undefined : answer.data!.createReview;
    });
    expect(withPhoto.photos).toEqual([{ id: ownPhoto }]);
  });

  it('lets the author edit within the window, nobody else, and not after it', async () => {
    const bought = product();
    const ref = await deliveredOrder(app, buyer, seller.tenantId, [bought]);
    const { id } = dataOf(
      await app.gql<Created>(CREATE_REVIEW, { input: reviewInput(ref, bought) }, buyer.token),
    ).createReview;
    const content = { rating: 3, title: 'Second thoughts', text: 'The strap broke after a week.' };

    const edited = await app.gql(UPDATE_REVIEW, { id, input: content }, buyer.token);
    expect(dataOf(edited).updateReview).toMatchObject({ rating: 3, title: 'Second thoughts' });
    expect(dataOf(edited).updateReview.editedAt).not.toBeNull();

    expect(
      errorCode(await app.gql(UPDATE_REVIEW, { id, input: { ...content, rating: 5 } }, otherBuyer.token)),
    ).toBe('NOT_FOUND');

    // The outbox relay rewrites the review when it publishes the edit's events, and FerretDB applies an
    // update as read, change, write back: a backdate racing the relay can be lost. Backdate once they are out.
    const reviews = app.db.collection<{ _id: string; pendingEventCount: number }>('reviews');
    await waitFor(
      'the edit’s events published',
      async () => (await reviews.findOne({ _id: id }))?.pendingEventCount === 0,
    );
    await reviews.updateOne({ _id: id }, { $set: { createdAt: new Date(Date.now() - 31 * 86_400_000) } });
    const late = await app.gql(UPDATE_REVIEW, { id, input: { ...content, rating: 5 } }, buyer.token);
    expect(errorCode(late)).toBe('FORBIDDEN');
    expect(dataOf(await app.gql(REVIEW, { id })).review.rating).toBe(3);
  });

  it('lets the product’s seller reply once; another seller and buyers are refused', async () => {
    const bought = product();
    const ref = await deliveredOrder(app, buyer, seller.tenantId, [bought]);
    const { id } = dataOf(
      await app.gql<Created>(CREATE_REVIEW, { input: reviewInput(ref, bought, { rating: 1 }) }, buyer.token),
    ).createReview;

    expect(errorCode(await app.gql(REPLY, { id, text: 'Not ours to answer' }, otherSeller.owner.token))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await app.gql(REPLY, { id, text: 'I agree' }, otherBuyer.token))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(REPLY, { id, text: 'x'.repeat(5001) }, seller.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(dataOf(await app.gql(REVIEW, { id })).review.reply).toBeNull();

    const replied = await app.gql(REPLY, { id, text: 'Sorry — we sent a replacement.' }, seller.owner.token);
    expect(dataOf(replied).replyToReview.reply.text).toBe('Sorry — we sent a replacement.');
    expect(errorCode(await app.gql(REPLY, { id, text: 'And another thing' }, seller.owner.token))).toBe(
      'CONFLICT',
    );
    expect(dataOf(await app.gql(REVIEW, { id })).review.reply.text).toBe('Sorry — we sent a replacement.');

    const theirs = dataOf(await app.gql(SELLER_REVIEWS, {}, otherSeller.owner.token)).sellerReviews.nodes;
    expect(theirs.map((node: { id: string }) => node.id)).not.toContain(id);
  });

  it('counts one helpful vote per user and sorts and pages the product list by newest, helpful and rating', async () => {
    const bought = product();
    const reviewers = [buyer, otherBuyer, await createTestBuyer()];
    const ids: string[] = [];
    for (const [index, reviewer] of reviewers.entries()) {
      const ref = await deliveredOrder(app, reviewer, seller.tenantId, [bought]);
      const rating = [5, 1, 3][index]!;
      ids.push(
        dataOf(
          await app.gql<Created>(
            CREATE_REVIEW,
            { input: reviewInput(ref, bought, { rating }) },
            reviewer.token,
          ),
        ).createReview.id,
      );
    }
    const [five, one, three] = ids as [string, string, string];
    for (const voter of [buyer, reviewers[2]!, buyer]) await app.gql(HELPFUL, { id: one }, voter.token);
    expect(dataOf(await app.gql(REVIEW, { id: one })).review.helpfulCount).toBe(2);
    expect(errorCode(await app.gql(HELPFUL, { id: one }, otherBuyer.token))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(HELPFUL, { id: one }))).toBe('UNAUTHENTICATED');

    const order = async (sort: string) => {
      const first = await productPage(bought.productId, { sort, first: 2 });
      expect(first.reviews.pageInfo.hasNextPage).toBe(true);
      const rest = await productPage(bought.productId, {
        sort,
        first: 2,
        after: first.reviews.pageInfo.endCursor,
      });
      expect(rest.reviews.pageInfo.hasNextPage).toBe(false);
      return [...first.reviews.nodes, ...rest.reviews.nodes].map((node) => node.id);
    };
    expect(await order('NEWEST')).toEqual([three, one, five]);
    expect((await order('MOST_HELPFUL'))[0]).toBe(one);
    expect(await order('HIGHEST_RATING')).toEqual([five, three, one]);
    expect(await order('LOWEST_RATING')).toEqual([one, three, five]);

    const newestCursor = (await productPage(bought.productId, { sort: 'NEWEST', first: 1 })).reviews.pageInfo
      .endCursor;
    const mixed = await app.gql(PRODUCT_REVIEWS, {
      reps: [{ __typename: 'Product', id: bought.productId }],
      sort: 'HIGHEST_RATING',
      after: newestCursor,
    });
    // Inside `_entities` the subgraph library drops the error's code; the gateway answers the message.
    expect(mixed.errors![0]!.message).toBe('after: not a cursor this API returned');

    const rating = await waitFor('three reviews counted', async () => {
      const { rating } = await productPage(bought.productId);
      return rating.count === 3 ? rating : undefined;
    });
    expect(rating).toEqual({ count: 3, average: 3, distribution: [1, 0, 1, 0, 1] });
  });

  it('removes a reported review only under a stated policy, keeps and audits the reason, and recounts', async () => {
    const bought = product();
    const ref = await deliveredOrder(app, buyer, seller.tenantId, [bought]);
    const { id } = dataOf(
      await app.gql<Created>(CREATE_REVIEW, { input: reviewInput(ref, bought, { rating: 1 }) }, buyer.token),
    ).createReview;
    await waitFor('the review counted', async () => (await productPage(bought.productId)).rating.count === 1);

    expect(
      dataOf(await app.gql(REPORT, { id, reason: 'Contains a phone number' }, otherBuyer.token)).reportReview,
    ).toBe(true);
    expect(
      dataOf(await app.gql(REPORT, { id, reason: 'Contains a phone number' }, otherBuyer.token)).reportReview,
    ).toBe(true);
    // Reported reviews stay visible until a moderator decides.
    expect((await productPage(bought.productId)).reviews.nodes.map((node) => node.id)).toEqual([id]);
    const queue = dataOf(await app.gql(REPORTED, {}, admin.token)).reportedReviews.nodes;
    expect(queue).toContainEqual({ id, reportCount: 1, reportReasons: ['Contains a phone number'] });
    expect(errorCode(await app.gql(REPORTED, {}, seller.owner.token))).toBe('FORBIDDEN');

    expect(errorCode(await app.gql(REMOVE, { id, policy: 'PERSONAL_DATA', reason: 'x' }, admin.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await app.gql(REMOVE, { id, policy: 'LOW_RATING', reason: 'Too negative' }, admin.token)),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await app.gql(REMOVE, { id, policy: 'PERSONAL_DATA', reason: 'Phone number' }, seller.owner.token),
      ),
    ).toBe('FORBIDDEN');
    expect((await productPage(bought.productId)).reviews.nodes).toHaveLength(1);

    const audit = await readTopic('platform.audit.v1', (key) => key === id);
    try {
      const removed = await app.gql(
        REMOVE,
        { id, policy: 'PERSONAL_DATA', reason: 'The text gives a private phone number' },
        admin.token,
      );
      expect(dataOf(removed).removeReview).toMatchObject({
        status: 'REMOVED',
        removal: { policy: 'PERSONAL_DATA', reason: 'The text gives a private phone number' },
      });
      await audit.waitUntil((envelopes) => envelopes.length === 1, 'the audit record', 10_000);
      expect(audit.envelopes[0]!.payload).toMatchObject({
        actorId: admin.userId,
        service: 'reviews',
        action: 'review.remove',
        tenantId: seller.tenantId,
        targetId: id,
        reason: 'The text gives a private phone number',
        after: { status: 'removed', policy: 'PERSONAL_DATA' },
      });
    } finally {
      await audit.stop();
    }

    expect((await productPage(bought.productId)).reviews.nodes).toHaveLength(0);
    expect(dataOf(await app.gql(REVIEW, { id })).review).toBeNull();
    expect(dataOf(await app.gql(MY_REVIEWS, {}, buyer.token)).myReviews.nodes).toContainEqual(
      expect.objectContaining({
        id,
        status: 'REMOVED',
        removal: { policy: 'PERSONAL_DATA', reason: 'The text gives a private phone number' },
      }),
    );
    await waitFor(
      'the removed review uncounted',
      async () => (await productPage(bought.productId)).rating.count === 0,
    );
    expect(
      errorCode(await app.gql(REMOVE, { id, policy: 'PERSONAL_DATA', reason: 'Again' }, admin.token)),
    ).toBe('CONFLICT');
  });

  it('lets a moderator dismiss unfounded reports, audited, without touching the review', async () => {
    const bought = product();
    const ref = await deliveredOrder(app, buyer, seller.tenantId, [bought]);
    const { id } = dataOf(
      await app.gql<Created>(CREATE_REVIEW, { input: reviewInput(ref, bought, { rating: 1 }) }, buyer.token),
    ).createReview;
    await app.gql(REPORT, { id, reason: 'I disagree with this' }, seller.owner.token);
    dataOf(await app.gql(DISMISS, { id, note: 'A negative opinion is not a policy breach' }, admin.token));
    const queue = dataOf(await app.gql(REPORTED, {}, admin.token)).reportedReviews.nodes;
    expect(queue.map((node: { id: string }) => node.id)).not.toContain(id);
    expect(dataOf(await app.gql(REVIEW, { id })).review.rating).toBe(1);
  });
});
