import { mediaRejectedV1 } from '@marketplace/contracts';
import { withEvents } from './document-outbox';

describe('document outbox', () => {
  it('adds each event under its id and counts it, in the same update as the state change', () => {
    const first = mediaRejectedV1.create(
      { mediaId: 'm1', purpose: 'PRODUCT_IMAGE', buyerId: null, reason: 'not an image' },
      { tenantId: 't1' },
    );
    const second = mediaRejectedV1.create(
      { mediaId: 'm1', purpose: 'PRODUCT_IMAGE', buyerId: null, reason: 'again' },
      { tenantId: 't1' },
    );
    const update = withEvents({ $set: { status: 'rejected' } }, 'm1', [first, second]);
    expect(update.$set.status).toBe('rejected');
    expect(update.$inc).toEqual({ pendingEventCount: 2 });
    expect(update.$set[`pendingEvents.${first.envelope.id}`]).toEqual({
      topic: 'media.asset.v1',
      key: 'm1',
      envelope: JSON.stringify(first.envelope),
    });
    expect(Object.keys(update.$set)).toHaveLength(3);
  });
});
