import { ulid } from 'ulid';
import {
  createTestTenant,
  errorCode,
  levelOf,
  SET_STOCK,
  serviceToken,
  startInventoryApp,
  stockUp,
  uniqueSku,
  type InventoryTestApp,
} from './support';
import type { TestTenant } from '@marketplace/testing';

const RESERVATIONS = '/internal/v1/reservations';

describe('inventory: reservations for the checkout saga (real MariaDB + Keycloak)', () => {
  let app: InventoryTestApp;
  let service: string;
  let seller: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    app = await startInventoryApp();
    [service, seller, other] = await Promise.all([serviceToken(), createTestTenant(), createTestTenant()]);
  });
  afterAll(() => app.close());

  const reserve = (lines: unknown[], options: { reservationId?: string; ttlSeconds?: number } = {}) =>
    app.rest(
      'POST',
      RESERVATIONS,
      {
        reservationId: options.reservationId ?? ulid(),
        lines,
        ...(options.ttlSeconds ? { ttlSeconds: options.ttlSeconds } : {}),
      },
      service,
    );

  it('never oversells: 200 concurrent checkouts of 1 unit with 50 on hand reserve exactly 50', async () => {
    const sku = uniqueSku('RACE');
    await stockUp(app, seller, sku, 50);

    const ids = Array.from({ length: 200 }, () => ulid());
    const answers = await Promise.all(
      ids.map((reservationId) =>
        reserve([{ tenantId: seller.tenantId, sku, quantity: 1 }], { reservationId }),
      ),
    );

    const succeeded = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(succeeded).toHaveLength(50);
    expect(refused).toHaveLength(150);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.body.message).toContain(`Insufficient stock: ${sku}`);
    }
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 50, reserved: 50, available: 0 });

    // Refused checkouts hold nothing: they have no reservation at all.
    const refusedIds = ids.filter((_id, index) => answers[index]!.status !== 201);
    for (const id of refusedIds.slice(0, 10)) {
      expect((await app.rest('GET', `${RESERVATIONS}/${id}`, undefined, service)).status).toBe(404);
    }
    const failedEvents = await app.outboxEvents({ type: 'reservation.failed' });
    expect(failedEvents.filter((event) => refusedIds.includes(event.key))).toHaveLength(150);
    expect(failedEvents.find((event) => event.key === refusedIds[0])!.payload.insufficient).toEqual([
      { tenantId: seller.tenantId, sku, requested: 1, available: 0 },
    ]);
    const changes = (await app.outboxEvents({ type: 'stock.changed', key: `${seller.tenantId}:${sku}` })).map(
      (event) => event.payload.available,
    );
    expect(Math.min(...changes)).toBe(0);
  });

  it('reserves several sellers all-or-nothing', async () => {
    const [skuA, skuB] = [uniqueSku('A'), uniqueSku('B')];
    await stockUp(app, seller, skuA, 5);
    await stockUp(app, other, skuB, 1);

    const refused = await reserve([
      { tenantId: seller.tenantId, sku: skuA, quantity: 2 },
      { tenantId: other.tenantId, sku: skuB, quantity: 2 },
    ]);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(skuB);
    expect(refused.body.message).not.toContain(skuA);
    expect(await levelOf(app, seller, skuA)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await levelOf(app, other, skuB)).toEqual({ onHand: 1, reserved: 0, available: 1 });

    const reservationId = ulid();
    const accepted = await reserve(
      [
        { tenantId: seller.tenantId, sku: skuA, quantity: 2 },
        { tenantId: other.tenantId, sku: skuB, quantity: 1 },
      ],
      { reservationId },
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ reservationId, status: 'active' });
    expect(await levelOf(app, seller, skuA)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    expect(await levelOf(app, other, skuB)).toEqual({ onHand: 1, reserved: 1, available: 0 });

    const created = await app.outboxEvents({ type: 'reservation.created', key: reservationId });
    expect(created).toHaveLength(1);
    expect(created[0]!.payload.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tenantId: seller.tenantId, sku: skuA, quantity: 2 }),
        expect.objectContaining({ tenantId: other.tenantId, sku: skuB, quantity: 1 }),
      ]),
    );

    // Retrying the same checkout returns the same reservation and holds nothing more.
    const retried = await reserve([{ tenantId: seller.tenantId, sku: skuA, quantity: 2 }], { reservationId });
    expect(retried.status).toBe(201);
    expect(retried.body.lines).toHaveLength(2);
    expect(await levelOf(app, seller, skuA)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    // Also when the first attempt took the last units: the retry finds no stock left and answers the reservation.
    const soldOut = await reserve([{ tenantId: other.tenantId, sku: skuB, quantity: 1 }], { reservationId });
    expect(soldOut.status).toBe(201);
    expect(soldOut.body).toMatchObject({ reservationId, status: 'active' });
    expect(await levelOf(app, other, skuB)).toEqual({ onHand: 1, reserved: 1, available: 0 });
    // The availability each reservation reported is the one after it (computed from the locked rows).
    const reported = async (tenantId: string, sku: string) =>
      (await app.outboxEvents({ type: 'stock.changed', key: `${tenantId}:${sku}` })).map(
        (event) => event.payload.available,
      );
    expect(await reported(seller.tenantId, skuA)).toEqual([5, 3]);
    expect(await reported(other.tenantId, skuB)).toEqual([1, 0]);
  });

  it('releases idempotently and restores availability', async () => {
    const sku = uniqueSku('REL');
    await stockUp(app, seller, sku, 4);
    const reservationId = ulid();
    expect((await reserve([{ tenantId: seller.tenantId, sku, quantity: 3 }], { reservationId })).status).toBe(
      201,
    );
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 4, reserved: 3, available: 1 });
    const belowReserved = await app.gql(
      SET_STOCK,
      { input: { sku, onHand: 2, reason: 'count' } },
      seller.owner.token,
    );
    expect(errorCode(belowReserved)).toBe('BAD_USER_INPUT');

    const first = await app.rest('POST', `${RESERVATIONS}/${reservationId}/release`, undefined, service);
    const again = await app.rest('POST', `${RESERVATIONS}/${reservationId}/release`, undefined, service);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.status).toBe('released');
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 4, reserved: 0, available: 4 });

    const released = await app.outboxEvents({ type: 'reservation.released', key: reservationId });
    expect(released).toHaveLength(1);
    expect(released[0]!.payload.reason).toBe('requested');
    expect(
      (await app.rest('POST', `${RESERVATIONS}/${reservationId}/confirm`, undefined, service)).status,
    ).toBe(409);
    expect((await app.rest('POST', `${RESERVATIONS}/${ulid()}/release`, undefined, service)).status).toBe(
      404,
    );
  });

  it('releases expired reservations in the sweeper', async () => {
    const sku = uniqueSku('EXP');
    await stockUp(app, seller, sku, 2);
    const reservationId = ulid();
    expect(
      (await reserve([{ tenantId: seller.tenantId, sku, quantity: 2 }], { reservationId, ttlSeconds: 1 }))
        .status,
    ).toBe(201);
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 2, reserved: 2, available: 0 });

    // Not expired yet: the sweeper leaves it alone.
    await app.sweeper.sweep(new Date());
    expect((await app.rest('GET', `${RESERVATIONS}/${reservationId}`, undefined, service)).body.status).toBe(
      'active',
    );

    expect(await app.sweeper.sweep(new Date(Date.now() + 5_000))).toBeGreaterThanOrEqual(1);
    expect((await app.rest('GET', `${RESERVATIONS}/${reservationId}`, undefined, service)).body.status).toBe(
      'released',
    );
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    const released = await app.outboxEvents({ type: 'reservation.released', key: reservationId });
    expect(released.map((event) => event.payload.reason)).toEqual(['expired']);
  });

  it('confirm takes the units out of stock, once', async () => {
    const sku = uniqueSku('CONF');
    await stockUp(app, seller, sku, 10);
    const reservationId = ulid();
    expect((await reserve([{ tenantId: seller.tenantId, sku, quantity: 3 }], { reservationId })).status).toBe(
      201,
    );

    const confirmed = await app.rest('POST', `${RESERVATIONS}/${reservationId}/confirm`, undefined, service);
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 7, reserved: 0, available: 7 });

    expect(
      (await app.rest('POST', `${RESERVATIONS}/${reservationId}/confirm`, undefined, service)).status,
    ).toBe(200);
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 7, reserved: 0, available: 7 });
    expect(
      (await app.rest('POST', `${RESERVATIONS}/${reservationId}/release`, undefined, service)).status,
    ).toBe(409);
    expect(await app.outboxEvents({ type: 'reservation.confirmed', key: reservationId })).toHaveLength(1);
  });

  it.each([
    ['a zero quantity', (sku: string, tenantId: string) => [{ tenantId, sku, quantity: 0 }], /quantity/],
    ['a negative quantity', (sku: string, tenantId: string) => [{ tenantId, sku, quantity: -2 }], /quantity/],
    ['no lines', () => [], /at least one line/],
    [
      'an unknown sku',
      (sku: string, tenantId: string) => [
        { tenantId, sku, quantity: 1 },
        { tenantId, sku: `${sku}-NOPE`, quantity: 1 },
      ],
      /Unknown sku: .*-NOPE/,
    ],
  ])('refuses %s with 400 and writes nothing', async (_case, linesFor, message) => {
    const sku = uniqueSku('BAD');
    await stockUp(app, seller, sku, 3);
    const before = (await app.outboxEvents()).length;
    const reservationId = ulid();
    const answer = await reserve(linesFor(sku, seller.tenantId), { reservationId });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.message)).toMatch(message);
    expect((await app.rest('GET', `${RESERVATIONS}/${reservationId}`, undefined, service)).status).toBe(404);
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    expect(await app.outboxEvents()).toHaveLength(before);
  });

  it('answers only the platform service account', async () => {
    const sku = uniqueSku('AUTH');
    await stockUp(app, seller, sku, 3);
    const body = { reservationId: ulid(), lines: [{ tenantId: seller.tenantId, sku, quantity: 1 }] };
    expect((await app.rest('POST', RESERVATIONS, body, seller.owner.token)).status).toBe(403);
    expect((await app.rest('POST', RESERVATIONS, body)).status).toBe(401);
    expect(await levelOf(app, seller, sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });
});
