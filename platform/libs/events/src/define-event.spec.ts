import { runWithContext } from '@marketplace/tenancy';
import { z } from 'zod';
import { EventCatalog } from './catalog';
import { defineEvent } from './define-event';
import { EventValidationError } from './envelope';

const OrderPaidV1 = defineEvent({
  topic: 'orders.order.v1',
  type: 'order.paid',
  version: 1,
  payload: z.object({
    orderId: z.string().min(1),
    amount: z.number().int().nonnegative(),
    currency: z.string().length(3),
  }),
});

const OrderPaidV2 = defineEvent({
  topic: 'orders.order.v1',
  type: 'order.paid',
  version: 2,
  payload: z.object({
    orderId: z.string().min(1),
    total: z.object({ amount: z.number().int(), currency: z.string().length(3) }),
  }),
});

const payload = { orderId: 'ord-1', amount: 1999, currency: 'EUR' };

function validationError(fn: () => unknown): EventValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EventValidationError) return error;
    throw error;
  }
  throw new Error('expected an EventValidationError');
}

describe('defineEvent().create', () => {
  it('wraps a valid payload in a complete envelope with a ULID, UTC time and the topic', () => {
    const { topic, envelope } = OrderPaidV1.create(payload, { tenantId: 'tenant-a', traceId: 'trace-1' });
    expect(topic).toBe('orders.order.v1');
    expect(envelope).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      type: 'order.paid',
      version: 1,
      tenantId: 'tenant-a',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      traceId: 'trace-1',
      payload,
    });
  });

  it('takes tenant and trace from the current request context', () => {
    const { envelope } = runWithContext({ tenantId: 'tenant-ctx', traceId: 'trace-ctx' }, () =>
      OrderPaidV1.create(payload),
    );
    expect(envelope.tenantId).toBe('tenant-ctx');
    expect(envelope.traceId).toBe('trace-ctx');
  });

  it('uses tenantId null and a fresh trace id outside any context, and null when asked inside one', () => {
    const outside = OrderPaidV1.create(payload).envelope;
    expect(outside.tenantId).toBeNull();
    expect(outside.traceId).toMatch(/^[0-9a-f]{32}$/);
    const buyerEvent = runWithContext({ tenantId: 'tenant-ctx' }, () =>
      OrderPaidV1.create(payload, { tenantId: null }),
    ).envelope;
    expect(buyerEvent.tenantId).toBeNull();
  });

  it('gives every event its own id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => OrderPaidV1.create(payload).envelope.id));
    expect(ids.size).toBe(50);
  });

  it('refuses an invalid payload with the failing field named', () => {
    const error = validationError(() => OrderPaidV1.create({ ...payload, amount: -5 }));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'amount' })]);
    expect(error.eventType).toBe('order.paid');
    expect(error.message).toContain('order.paid v1');
  });

  it('refuses a definition with a malformed type, version or topic', () => {
    expect(() => defineEvent({ topic: 't', type: 'OrderPaid', version: 1, payload: z.object({}) })).toThrow(
      EventValidationError,
    );
    expect(() => defineEvent({ topic: 't', type: 'order.paid', version: 0, payload: z.object({}) })).toThrow(
      EventValidationError,
    );
    expect(() =>
      defineEvent({ topic: 'bad topic', type: 'order.paid', version: 1, payload: z.object({}) }),
    ).toThrow('Invalid Kafka topic');
  });
});

describe('defineEvent().parse', () => {
  const valid = () =>
    JSON.parse(JSON.stringify(OrderPaidV1.create(payload, { tenantId: 'tenant-a' }).envelope));

  it('accepts what create() produced after a JSON round trip', () => {
    const envelope = valid();
    expect(OrderPaidV1.parse(envelope)).toEqual(envelope);
  });

  it.each(['id', 'type', 'version', 'tenantId', 'occurredAt', 'traceId'])(
    'refuses an envelope without %s',
    (field) => {
      const envelope = valid();
      delete envelope[field];
      const error = validationError(() => OrderPaidV1.parse(envelope));
      expect(error.message).toContain('Invalid event envelope');
      expect(error.issues.map((i) => i.path)).toContain(field);
    },
  );

  it('refuses a non-UTC timestamp and a non-ULID id', () => {
    expect(
      validationError(() => OrderPaidV1.parse({ ...valid(), occurredAt: '2025-01-01T10:00:00+02:00' }))
        .issues[0]?.path,
    ).toBe('occurredAt');
    expect(validationError(() => OrderPaidV1.parse({ ...valid(), id: 'not-a-ulid' })).issues[0]?.path).toBe(
      'id',
    );
  });

  it('refuses another version of the same type', () => {
    const error = validationError(() => OrderPaidV1.parse({ ...valid(), version: 2 }));
    expect(error.message).toContain('Unsupported version of order.paid');
  });

  it('refuses another event type', () => {
    expect(
      validationError(() => OrderPaidV1.parse({ ...valid(), type: 'order.cancelled' })).issues[0]?.path,
    ).toBe('type');
  });

  it('refuses a bad or missing payload', () => {
    expect(
      validationError(() => OrderPaidV1.parse({ ...valid(), payload: { ...payload, currency: 'EURO' } }))
        .issues[0]?.path,
    ).toBe('currency');
    const withoutPayload = valid();
    delete withoutPayload.payload;
    expect(() => OrderPaidV1.parse(withoutPayload)).toThrow(EventValidationError);
  });

  it('refuses something that is not an object at all', () => {
    expect(() => OrderPaidV1.parse('order.paid')).toThrow(EventValidationError);
    expect(() => OrderPaidV1.parse(null)).toThrow(EventValidationError);
  });
});

describe('EventCatalog', () => {
  const catalog = new EventCatalog([OrderPaidV1, OrderPaidV2]);

  it('selects the payload schema by type and version', () => {
    const v1 = JSON.parse(JSON.stringify(OrderPaidV1.create(payload).envelope));
    const v2 = JSON.parse(
      JSON.stringify(
        OrderPaidV2.create({ orderId: 'ord-2', total: { amount: 5, currency: 'USD' } }).envelope,
      ),
    );
    expect(catalog.parse(v1)).toEqual(v1);
    expect(catalog.parse(v2)).toEqual(v2);
    // A v1 payload under version 2 is checked against the v2 schema and refused.
    expect(() => catalog.parse({ ...v1, version: 2 })).toThrow(EventValidationError);
  });

  it('refuses unknown versions and unknown types, naming what is supported', () => {
    const v1 = OrderPaidV1.create(payload).envelope;
    expect(() => catalog.parse({ ...v1, version: 3 })).toThrow(
      'version 3 is not supported (supported: 1, 2)',
    );
    expect(() => catalog.parse({ ...v1, type: 'order.refunded' })).toThrow(
      'unknown event type "order.refunded"',
    );
  });

  it('lists each topic once and refuses a definition registered twice', () => {
    expect(catalog.topics).toEqual(['orders.order.v1']);
    expect(() => new EventCatalog([OrderPaidV1, OrderPaidV1])).toThrow('defined twice');
  });
});
