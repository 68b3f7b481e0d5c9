import { z } from 'zod';
import { defineEvent } from './define-event';
import { DocumentOutbox } from './document-outbox';
import { eventMessage } from './event-message';
import { EventHeaders } from './headers';

const mediaRejected = defineEvent({
  topic: 'media.asset.v1',
  type: 'media.rejected',
  version: 1,
  payload: z.object({ mediaId: z.string(), reason: z.string() }),
});

describe('DocumentOutbox', () => {
  it('stages each event under its id and counts it, in the same update as the state change', () => {
    const first = mediaRejected.create({ mediaId: 'm1', reason: 'not an image' }, { tenantId: 't1' });
    const second = mediaRejected.create({ mediaId: 'm1', reason: 'again' }, { tenantId: 't1' });
    const update = DocumentOutbox.stage({ $set: { status: 'rejected' }, $inc: { rev: 1 } }, 'm1', [
      first,
      second,
    ]);
    expect(update.$set).toEqual({
      status: 'rejected',
      [`pendingEvents.${first.envelope.id}`]: {
        topic: 'media.asset.v1',
        key: 'm1',
        envelope: JSON.stringify(first.envelope),
      },
      [`pendingEvents.${second.envelope.id}`]: {
        topic: 'media.asset.v1',
        key: 'm1',
        envelope: JSON.stringify(second.envelope),
      },
    });
    expect(update.$inc).toEqual({ rev: 1, pendingEventCount: 2 });
  });

  it('keeps other operators of the update and adds to a count already in it', () => {
    const event = mediaRejected.create({ mediaId: 'm1', reason: 'x' }, { tenantId: null });
    const update = DocumentOutbox.stage({ $unset: { uploadUrl: '' }, $inc: { pendingEventCount: 1 } }, 'm1', [
      event,
    ]);
    expect(update.$unset).toEqual({ uploadUrl: '' });
    expect(update.$inc).toEqual({ pendingEventCount: 2 });
  });

  it('refuses an event without aggregate key', () => {
    const event = mediaRejected.create({ mediaId: 'm1', reason: 'x' }, { tenantId: null });
    expect(() => DocumentOutbox.stage({}, '', [event])).toThrow(/key/);
  });

  it('gives a new document its events and count', () => {
    const event = mediaRejected.create({ mediaId: 'm2', reason: 'x' }, { tenantId: 't1' });
    expect(DocumentOutbox.initial('m2', [event])).toEqual({
      pendingEvents: {
        [event.envelope.id]: { topic: 'media.asset.v1', key: 'm2', envelope: JSON.stringify(event.envelope) },
      },
      pendingEventCount: 1,
    });
    expect(DocumentOutbox.initial('m3')).toEqual({ pendingEvents: {}, pendingEventCount: 0 });
  });

  it('event ids created in a burst sort in creation order, which is the publishing order', () => {
    const ids = Array.from(
      { length: 50 },
      (_, i) => mediaRejected.create({ mediaId: 'm', reason: String(i) }).envelope.id,
    );
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('eventMessage', () => {
  it('publishes the envelope byte for byte with id, type, version, trace and tenant headers', () => {
    const event = mediaRejected.create(
      { mediaId: 'm1', reason: 'x' },
      { tenantId: 't1', traceId: 'trace-1' },
    );
    const serialized = JSON.stringify(event.envelope);
    expect(eventMessage('media.asset.v1', 'm1', serialized)).toEqual({
      topic: 'media.asset.v1',
      key: 'm1',
      value: serialized,
      headers: {
        [EventHeaders.eventId]: event.envelope.id,
        [EventHeaders.eventType]: 'media.rejected',
        [EventHeaders.eventVersion]: '1',
        [EventHeaders.traceId]: 'trace-1',
        [EventHeaders.tenantId]: 't1',
      },
    });
  });

  it('sets no tenant header on platform events', () => {
    const event = mediaRejected.create({ mediaId: 'm1', reason: 'x' }, { tenantId: null });
    expect(eventMessage('t', 'k', JSON.stringify(event.envelope)).headers).not.toHaveProperty(
      EventHeaders.tenantId,
    );
  });
});
