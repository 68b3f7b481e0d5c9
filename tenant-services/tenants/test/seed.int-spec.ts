import { testKeycloakAdmin } from '@marketplace/testing';
import { DEMO_TENANTS, seedDemoTenants } from '../src/seed';
import { startTenantsApp, type TenantsTestApp } from './support';

describe('tenants: demo seed', () => {
  let app: TenantsTestApp;

  beforeAll(async () => {
    app = await startTenantsApp();
  });
  afterAll(() => app.close());

  it('registers the demo organizations as active tenants, once', async () => {
    const keycloak = testKeycloakAdmin();
    const first = await seedDemoTenants(app.database.db, keycloak, app.config);
    const second = await seedDemoTenants(app.database.db, keycloak, app.config);
    expect(first.map(({ alias, created }) => ({ alias, created }))).toEqual(
      DEMO_TENANTS.map(({ alias }) => ({ alias, created: true })),
    );
    expect(second.every((result) => !result.created)).toBe(true);

    for (const result of first) {
      const organization = await keycloak.findOrganizationByAlias(result.alias);
      expect(result.tenantId).toBe(organization?.id);
      const profile = await app.gql('query($id: ID!) { tenant(id: $id) { alias status } }', {
        id: result.tenantId,
      });
      expect(profile.data?.tenant).toEqual({ alias: result.alias, status: 'ACTIVE' });
      const events = await app.outboxEvents(result.tenantId);
      expect(events.map((event) => [event.type, event.payload.status])).toEqual([
        ['tenant.registered', 'active'],
      ]);
    }
  });
});
