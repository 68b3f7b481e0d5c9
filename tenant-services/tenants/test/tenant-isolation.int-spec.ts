import { createTestAdmin, describeTenantIsolation } from '@marketplace/testing';
import { newSeller, startTenantsApp, type TenantsTestApp } from './support';

let app: TenantsTestApp;
const OWN =
  '{ myTenant { id name contactEmail defaultCurrency } staffInvitations { id email state } apiClients { id name } teamMembers { userId role } }';

interface Seeded {
  tenantId: string;
  invitationId: string;
  apiClientId: string;
  ownerUserId: string;
}

describeTenantIsolation<Seeded>({
  service: 'tenants',
  async start() {
    app = await startTenantsApp();
    return { gql: app.gql, close: () => app.close() };
  },
  // Sellers signed up through this service (its tenants table knows them), approved by an admin.
  async parties() {
    const admin = await createTestAdmin();
    const [a, b] = await Promise.all([
      newSeller(app, { active: true, admin }),
      newSeller(app, { active: true, admin }),
    ]);
    return {
      owner: { token: a.ownerToken, tenantId: a.tenantId },
      intruder: { token: b.ownerToken, tenantId: b.tenantId },
    };
  },
  async seed(gql, owner) {
    const invited = await gql(
      'mutation($email: String!) { inviteStaff(email: $email) { id } }',
      { email: `staff-${owner.tenantId}@example.test` },
      owner.token,
    );
    const client = await gql(
      'mutation($name: String!) { createApiClient(name: $name) { apiClient { id } } }',
      { name: 'isolation' },
      owner.token,
    );
    const team = await gql<{ teamMembers: { userId: string; role: string }[] }>(
      '{ teamMembers { userId role } }',
      {},
      owner.token,
    );
    return {
      ownerUserId: team.data!.teamMembers.find((member) => member.role === 'owner')!.userId,
      tenantId: owner.tenantId!,
      invitationId: invited.data!.inviteStaff.id,
      apiClientId: client.data!.createApiClient.apiClient.id,
    };
  },
  ids: ({ tenantId, invitationId, apiClientId }) => [tenantId, invitationId, apiClientId],
  snapshot: async (gql, owner) => (await gql(OWN, {}, owner.token)).data,
  operations: [
    {
      name: 'revokeInvitation',
      query: 'mutation($id: ID!) { revokeInvitation(id: $id) { id state } }',
      variables: ({ invitationId }) => ({ id: invitationId }),
    },
    {
      name: 'revokeApiClient',
      query: 'mutation($id: ID!) { revokeApiClient(id: $id) { id } }',
      variables: ({ apiClientId }) => ({ id: apiClientId }),
    },
    {
      name: 'removeTeamMember (the owner of the other organization)',
      query: 'mutation($userId: ID!) { removeTeamMember(userId: $userId) { userId } }',
      variables: ({ ownerUserId }) => ({ userId: ownerUserId }),
    },
    { name: 'myTenant, staffInvitations, apiClients and teamMembers', query: OWN, expect: 'hidden' },
    {
      name: 'updateMyTenant',
      query: 'mutation($settings: TenantSettingsInput!) { updateMyTenant(settings: $settings) { id name } }',
      variables: () => ({ settings: { name: 'Intruder renamed' } }),
      expect: 'hidden',
    },
  ],
});
