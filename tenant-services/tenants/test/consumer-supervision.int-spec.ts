import { SupervisedEventConsumers } from '@marketplace/service-kit';
import { AuditModule } from '../src/audit/audit.module';
import { startTenantsApp, waitFor, type TenantsTestApp } from './support';

/** Terminus' answer: every check by name under `details`. */
interface Readiness {
  status: string;
  details: Record<string, { status: string; message?: string }>;
}

describe('tenants: a failed event stream shows in readiness and metrics until the consumer re-joins', () => {
  let app: TenantsTestApp;

  beforeAll(async () => {
    app = await startTenantsApp();
  });
  afterAll(() => app?.close());

  const readiness = async (): Promise<{ code: number; body: Readiness }> => {
    const response = await fetch(`${app.baseUrl}/health/ready`);
    return { code: response.status, body: (await response.json()) as Readiness };
  };
  const metrics = async () => (await fetch(`${app.baseUrl}/metrics`)).text();

  it('is ready with the audit consumer running, not ready while it re-joins, and ready again after', async () => {
    const group = app.config.AUDIT_EVENTS_GROUP;
    const check = `consumer:${group}`;
    await waitFor('readiness', async () => (await readiness()).code === 200);
    expect((await readiness()).body.details[check]).toMatchObject({ status: 'up' });
    expect(await metrics()).toContain(`event_consumer_up{group="${group}",service="tenants"} 1`);

    // What a broken broker connection does to the consumer's stream.
    // The audit module's own supervisor (the offboarding module has another).
    const supervised = app.app
      .select(AuditModule)
      .get(SupervisedEventConsumers, { strict: true }) as unknown as {
      consumers: { status(): { groupId: string }; stream: { destroy(error: Error): void } }[];
    };
    const audit = supervised.consumers.find((consumer) => consumer.status().groupId === group);
    audit!.stream.destroy(new Error('connection reset by broker'));

    const outage = await waitFor(
      'readiness to report the outage',
      async () => {
        const answer = await readiness();
        return answer.code === 503 && answer.body;
      },
      { intervalMs: 20 },
    );
    expect(outage.details[check]).toMatchObject({ status: 'down' });
    await waitFor('the consumer to re-join', async () => (await readiness()).code === 200);
    const text = await metrics();
    expect(text).toContain(`event_consumer_restarts{group="${group}",service="tenants"} 1`);
    expect(text).toContain(`event_consumer_up{group="${group}",service="tenants"} 1`);
  });
});
