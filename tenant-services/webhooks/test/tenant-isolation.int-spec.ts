import { dataOf, describeTenantIsolation } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  ATTEMPTS,
  createEndpoint,
  DELETE_ENDPOINT,
  ENDPOINT,
  ENDPOINTS,
  REDELIVER_EVENT,
  REDELIVER_SINCE,
  ROTATE_SECRET,
  startWebhooksApp,
  UPDATE_ENDPOINT,
} from './support';

interface Seeded {
  endpointId: string;
}

describeTenantIsolation<Seeded>({
  service: 'webhooks',
  async start() {
    const app = await startWebhooksApp();
    return { gql: app.gql, close: () => app.close() };
  },
  async seed(gql, owner) {
    const endpoint = await createEndpoint(gql, owner.token, 'http://127.0.0.1:9/isolation', ['order.paid']);
    return { endpointId: endpoint.id };
  },
  ids: ({ endpointId }) => [endpointId],
  snapshot: async (gql, owner, { endpointId }) => ({
    endpoint: dataOf(await gql(ENDPOINT, { id: endpointId }, owner.token)),
    log: dataOf(await gql(ATTEMPTS, { endpointId, first: 10 }, owner.token)),
  }),
  operations: [
    { name: 'webhookEndpoint', query: ENDPOINT, variables: ({ endpointId }) => ({ id: endpointId }) },
    {
      name: 'updateWebhookEndpoint',
      query: UPDATE_ENDPOINT,
      variables: ({ endpointId }) => ({
        input: { id: endpointId, url: 'http://127.0.0.1:9/intruder', enabled: false },
      }),
    },
    {
      name: 'rotateWebhookEndpointSecret',
      query: ROTATE_SECRET,
      variables: ({ endpointId }) => ({ input: { id: endpointId } }),
    },
    {
      name: 'deleteWebhookEndpoint',
      query: DELETE_ENDPOINT,
      variables: ({ endpointId }) => ({ id: endpointId }),
    },
    {
      name: 'webhookDeliveryAttempts',
      query: ATTEMPTS,
      variables: ({ endpointId }) => ({ endpointId, first: 10 }),
    },
    {
      name: 'redeliverWebhookEvent',
      query: REDELIVER_EVENT,
      variables: ({ endpointId }) => ({ endpointId, eventId: `msg_${ulid()}` }),
    },
    {
      name: 'redeliverWebhookEventsSince',
      query: REDELIVER_SINCE,
      variables: ({ endpointId }) => ({ endpointId, since: '2020-01-01T00:00:00.000Z' }),
    },
    { name: 'webhookEndpoints', query: ENDPOINTS, variables: () => ({ first: 100 }), expect: 'hidden' },
  ],
});
