import { randomUUID } from 'node:crypto';
import { TenantExportPartWritten } from '@marketplace/contracts';
import { KafkaSender } from '@marketplace/events';
import { OFFBOARDING_OBJECTS, type OffboardingObjects } from '@marketplace/offboarding';
import { withinTenant } from '@marketplace/tenancy';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { deletionRecords } from '../src/offboarding/offboarding.repository';
import { exportPartsPrefix } from '../src/offboarding/tenant-offboarding.service';
import { startTenantsApp, waitFor, type TenantsTestApp } from './support';

/**
 * The coordinator and parts written late (ADR 0038): a participant that lagged behind, or read an export request
 * again, writes its part after the tenant's deletion erased the tenant's exports; the coordinator deletes it.
 */
describe("tenants: an export part confirmed after the tenant's deletion", () => {
  let app: TenantsTestApp;
  let objects: OffboardingObjects;
  let kafka: KafkaSender;

  beforeAll(async () => {
    app = await startTenantsApp();
    objects = app.app.get<OffboardingObjects>(OFFBOARDING_OBJECTS);
    kafka = new KafkaSender({
      brokers: app.config.KAFKA_BROKERS,
      clientId: `tenants-test-${ulid().toLowerCase()}`,
    });
  });
  afterAll(async () => {
    await kafka.close();
    await app.close();
  });

  /** Writes a part of `service` for an export of the tenant (no such export is recorded) and confirms it. */
  async function latePart(tenantId: string, service: 'inventory' | 'reviews') {
    const exportId = ulid();
    const prefix = `${exportPartsPrefix(app.config, tenantId, exportId)}/${service}/`;
    await objects.putJsonLines(`${prefix}ratings.jsonl`, [{ tenantId }]);
    const event = TenantExportPartWritten.create(
      {
        exportId,
        tenantId,
        service,
        files: [{ name: 'ratings.jsonl', key: `${prefix}ratings.jsonl`, records: 1 }],
        writtenAt: new Date().toISOString(),
      },
      { tenantId: null },
    );
    await kafka.send([
      { topic: event.topic, key: tenantId, value: JSON.stringify(event.envelope), headers: {} },
    ]);
    return { prefix, eventId: event.envelope.id };
  }

  it('deletes the part of a deleted tenant, and leaves one of a tenant it knows no deletion of', async () => {
    const deleted = randomUUID();
    const unknown = randomUUID();
    await withinTenant(deleted, () =>
      deletionRecords(app.database.db).insert({
        id: ulid(),
        reason: 'Closed the store at its request',
        requestedBy: null,
        requestedAt: new Date(),
        confirmations: {},
        completedAt: new Date(),
      }),
    );
    const unknownPart = await latePart(unknown, 'reviews');
    const lateOfDeleted = await latePart(deleted, 'inventory');

    await waitFor('the late part deleted', async () =>
      (await objects.list(lateOfDeleted.prefix)).length === 0 ? true : undefined,
    );
    // The other confirmation was handled too (processed), and its part left where it is.
    await waitFor('the other confirmation handled', async () => {
      const [rows] = (await app.database.db.execute(
        sql`SELECT COUNT(*) AS n FROM processed_events WHERE event_id = ${unknownPart.eventId}`,
      )) as unknown as [{ n: number }[]];
      return Number(rows[0]?.n) > 0 ? true : undefined;
    });
    expect((await objects.list(unknownPart.prefix)).map(({ key }) => key)).toEqual([
      `${unknownPart.prefix}ratings.jsonl`,
    ]);
    await objects.deletePrefix(unknownPart.prefix);
  });
});
