import { mediaDeletedV1, mediaReadyV1, MEDIA_ASSET_TOPIC } from '@marketplace/contracts';
import { EventCatalog } from '@marketplace/events';
import { createTestTenant } from '@marketplace/testing';
import { Consumer, MessagesStreamModes, stringDeserializers, type Message } from '@platformatic/kafka';
import { ulid } from 'ulid';
import {
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  DELETE_MEDIA,
  pngImage,
  putToTicket,
  startMediaApp,
  type MediaTestApp,
  type UploadTicketAnswer,
} from './support';

type StringMessage = Message<string, string, string, string>;

describe('media outbox relay (real Kafka)', () => {
  let media: MediaTestApp;

  beforeAll(async () => {
    media = await startMediaApp({ MEDIA_OUTBOX_RELAY: 'true' });
  });
  afterAll(() => media.close());

  it('publishes media.ready then media.deleted, keyed by media id, and empties the document outbox', async () => {
    const seller = await createTestTenant();
    const image = await pngImage(300, 200);
    const created = await media.gql<UploadTicketAnswer>(
      CREATE_UPLOAD,
      {
        input: {
          purpose: 'PRODUCT_IMAGE',
          contentType: 'image/png',
          sizeBytes: image.length,
          filename: 'relay.png',
        },
      },
      seller.owner.token,
    );
    const mediaId = created.data!.createUpload.mediaId;
    await putToTicket(created.data!.createUpload, image);
    expect((await media.gql(COMPLETE_UPLOAD, { id: mediaId }, seller.owner.token)).errors).toBeUndefined();
    expect((await media.gql(DELETE_MEDIA, { id: mediaId }, seller.owner.token)).errors).toBeUndefined();

    const consumer = new Consumer({
      groupId: `media-relay-test-${ulid()}`,
      clientId: `media-relay-test-${ulid()}`,
      bootstrapBrokers: media.config.KAFKA_BROKERS,
      deserializers: stringDeserializers,
    });
    const received: StringMessage[] = [];
    try {
      const stream = await consumer.consume({
        topics: [MEDIA_ASSET_TOPIC],
        mode: MessagesStreamModes.EARLIEST,
        autocommit: false,
        maxWaitTime: 500,
      });
      for await (const message of stream as AsyncIterable<StringMessage>) {
        if (message.key === mediaId) received.push(message);
        if (received.length === 2) break;
      }
    } finally {
      await consumer.close(true);
    }

    const catalog = new EventCatalog([mediaReadyV1, mediaDeletedV1]);
    const events = received.map((message) => catalog.parse(JSON.parse(message.value)));
    expect(events.map((event) => event.type)).toEqual(['media.ready', 'media.deleted']);
    expect(events.every((event) => event.tenantId === seller.tenantId)).toBe(true);
    expect(events[1]!.payload).toEqual({
      mediaId,
      purpose: 'PRODUCT_IMAGE',
      buyerId: null,
      previousStatus: 'ready',
    });
    expect(Object.fromEntries(received[0]!.headers)).toMatchObject({
      'event-type': 'media.ready',
      'event-id': events[0]!.id,
      'tenant-id': seller.tenantId,
    });

    // Removal from the document follows the send; poll briefly for it.
    let doc = await media.db.collection('tenant_media').findOne({ _id: mediaId as never });
    for (let attempt = 0; attempt < 50 && doc?.pendingEventCount !== 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      doc = await media.db.collection('tenant_media').findOne({ _id: mediaId as never });
    }
    expect(doc).toMatchObject({ status: 'deleted', pendingEventCount: 0, pendingEvents: {} });
  });
});
