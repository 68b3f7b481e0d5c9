import { describeTenantIsolation } from '@marketplace/testing';
import {
  COMPLETE_UPLOAD,
  DELETE_MEDIA,
  MEDIA,
  MEDIA_LIST,
  startMediaApp,
  type MediaTestApp,
  uploadReadyMedia,
} from './support';

let media: MediaTestApp;

describeTenantIsolation<{ id: string }>({
  service: 'media',
  async start() {
    media = await startMediaApp();
    return { gql: media.gql, close: () => media.close() };
  },
  seed: async (_gql, owner) => ({ id: await uploadReadyMedia(media, 'PRODUCT_IMAGE', owner.token) }),
  ids: ({ id }) => [id],
  snapshot: async (gql, owner, { id }) => (await gql(MEDIA, { id }, owner.token)).data?.media?.status,
  operations: [
    { name: 'media', query: MEDIA, variables: ({ id }) => ({ id }) },
    { name: 'completeUpload', query: COMPLETE_UPLOAD, variables: ({ id }) => ({ id }) },
    { name: 'deleteMedia', query: DELETE_MEDIA, variables: ({ id }) => ({ id }) },
    { name: 'mediaList', query: MEDIA_LIST, variables: () => ({ first: 100 }), expect: 'hidden' },
  ],
});
