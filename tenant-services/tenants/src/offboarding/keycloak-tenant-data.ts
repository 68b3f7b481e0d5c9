import type { KeycloakAdminClient } from '@marketplace/identity';
import type { MySqlDb } from '@marketplace/tenancy';
import type { TenantDataStore } from '@marketplace/offboarding';
import { apiClientRecords } from '../api-clients/api-client.repository';

/** Keycloak answers 404 for an organization or client already deleted: a repeated erasure finds nothing. */
const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/**
 * The tenant in Keycloak: its API clients (client-credentials clients with the tenant attribute) and its
 * organization, whose deletion ends every member's membership. The users themselves stay: a person may be a
 * buyer too, and their account is theirs, not the tenant's. Runs before the MySQL rows naming the clients go.
 * The export holds the organization's staff: each member (id, username, e-mail, names) with its roles in it.
 */
export function keycloakTenantData(keycloak: KeycloakAdminClient): TenantDataStore<MySqlDb> {
  return {
    async exportFiles(tenantId) {
      const members = await keycloak.listMembers(tenantId).catch((error: unknown) => {
        if (isNotFound(error)) return [];
        throw error;
      });
      const records = [];
      for (const member of members) {
        const roles = (await keycloak.organizationRolesOf(member.id))[tenantId] ?? [];
        records.push({
          userId: member.id,
          username: member.username,
          email: member.email ?? null,
          firstName: member.firstName ?? null,
          lastName: member.lastName ?? null,
          roles,
        });
      }
      return records.length > 0 ? [{ name: 'keycloak_members', records }] : [];
    },
    async erase(tenantId, tx) {
      let clients = 0;
      // The participant runs within the tenant: the scoped repository answers its clients only.
      for (const client of await apiClientRecords(tx).findMany()) {
        await keycloak.deleteApiClient(client.clientId).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
        clients += 1;
      }
      const organizations = await keycloak.deleteOrganization(tenantId).then(
        () => 1,
        (error: unknown) => {
          if (isNotFound(error)) return 0;
          throw error;
        },
      );
      return {
        deleted: { 'keycloak-api-clients': clients, 'keycloak-organization': organizations },
        anonymized: {},
      };
    },
  };
}
