import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { DELETE_MEDIA, pngImage, startMediaApp, uploadReadyMedia, type MediaTestApp } from './support';

interface StoredMedia {
  status: string;
  pendingEventCount: number;
  pendingEvents: Record<string, { envelope: string }>;
}

/**
 * FerretDB 1.24 applies an update as an unisolated read-modify-write of the whole document (ADR 0006), so two
 * overlapping writes to one media document could both "succeed" or undo each other. These tests race writes to
 * one document and check that every write the service acknowledged is in the stored document.
 */
describe('media: concurrent writes to one media document', () => {
  let image: Buffer;
  let seller: TestTenant;

  beforeAll(async () => {
    image = await pngImage(120, 80);
    seller = await createTestTenant();
  });

  const uploadReady = (media: MediaTestApp) =>
    uploadReadyMedia(media, 'PRODUCT_IMAGE', seller.owner.token, image);

  async function stored(media: MediaTestApp, id: string): Promise<StoredMedia> {
    return (await media.db
      .collection('tenant_media')
      .findOne({ _id: id as never })) as unknown as StoredMedia;
  }

  const eventTypes = (doc: StoredMedia) =>
    Object.values(doc.pendingEvents)
      .map((event) => (JSON.parse(event.envelope) as { type: string }).type)
      .sort();

  describe('without the relay', () => {
    let media: MediaTestApp;
    beforeAll(async () => {
      media = await startMediaApp();
    });
    afterAll(() => media.close());

    it('lets exactly one of many simultaneous deletes win and keeps every staged event', async () => {
      const id = await uploadReady(media);

      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          media.gql<{ deleteMedia: string }>(DELETE_MEDIA, { id }, seller.owner.token),
        ),
      );

      const won = answers.filter((answer) => answer.data?.deleteMedia === id);
      expect(won).toHaveLength(1);
      for (const answer of answers.filter((candidate) => candidate.errors))
        expect(['CONFLICT', 'NOT_FOUND']).toContain(answer.errors![0]!.extensions?.code);
      const doc = await stored(media, id);
      expect(doc.status).toBe('deleted');
      expect(eventTypes(doc)).toEqual(['media.deleted', 'media.ready']);
      expect(doc.pendingEventCount).toBe(2);
    });
  });

  describe('with the relay publishing', () => {
    let media: MediaTestApp;
    beforeAll(async () => {
      media = await startMediaApp({ MEDIA_OUTBOX_RELAY: 'true' });
    });
    afterAll(() => media.close());

    it('never undoes a delete while the relay removes the previous event from the same document', async () => {
      const ids = await Promise.all(Array.from({ length: 6 }, () => uploadReady(media)));

      // Each completion woke the relay; the deletes race its removal of media.ready from the same documents.
      const answers = await Promise.all(
        ids.map((id) => media.gql<{ deleteMedia: string }>(DELETE_MEDIA, { id }, seller.owner.token)),
      );
      expect(answers.map((answer) => answer.errors)).toEqual(ids.map(() => undefined));

      const deadline = Date.now() + 20_000;
      let docs = await Promise.all(ids.map((id) => stored(media, id)));
      while (docs.some((doc) => doc.pendingEventCount !== 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        docs = await Promise.all(ids.map((id) => stored(media, id)));
      }
      for (const doc of docs)
        expect(doc).toMatchObject({ status: 'deleted', pendingEventCount: 0, pendingEvents: {} });
    });
  });
});
