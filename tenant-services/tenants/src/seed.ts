import { withinTenant } from '@marketplace/tenancy';
import { join } from 'node:path';
import { loadConfigOrExit } from '@marketplace/config';
import { KeycloakAdminClient } from '@marketplace/identity';
import { isMySqlDuplicateKey, MySqlDatabase } from '@marketplace/service-kit';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { configSchema, type TenantsConfig } from './config';
import { backfillOrganizationRoles } from './staff/organization-roles-backfill';
import { TenantDirectory } from './tenants/tenant-directory.repository';
import { insertTenant, newTenantRow } from './tenants/tenant-registration';
import { tenantRecords } from './tenants/tenant.repository';

/** The realm's demo organizations (platform/identity/realm/demo-data.json) and their owners. */
export const DEMO_TENANTS = [
  { alias: 'acme-outfitters', ownerEmail: 'owner@acme.example.com' },
  { alias: 'nordic-home', ownerEmail: 'owner@nordic.example.com' },
] as const;

export interface SeedResult {
  alias: string;
  tenantId: string;
  created: boolean;
}

/**
 * Registers each demo organization as an ACTIVE tenant. Idempotent: a tenant already registered is left as it
 * is (an admin may have suspended it since).
 */
export async function seedDemoTenants(
  db: MySql2Database,
  keycloak: KeycloakAdminClient,
  config: Pick<TenantsConfig, 'DEFAULT_COMMISSION_BPS' | 'DEFAULT_CURRENCY'>,
): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const demo of DEMO_TENANTS) {
    const organization = await keycloak.findOrganizationByAlias(demo.alias);
    if (!organization)
      throw new Error(`Keycloak has no organization "${demo.alias}": provision the realm first`);
    const tenantId = organization.id;
    const created = await withinTenant(tenantId, async () => {
      if (await tenantRecords(db).own()) return false;
      const owner = await keycloak.findUserByEmail(demo.ownerEmail);
      if (!owner) throw new Error(`Keycloak has no user ${demo.ownerEmail}, the owner of ${demo.alias}`);
      try {
        await insertTenant(
          db,
          newTenantRow({
            tenantId,
            name: organization.name,
            alias: organization.alias,
            status: 'active',
            commissionBps: config.DEFAULT_COMMISSION_BPS,
            defaultCurrency: config.DEFAULT_CURRENCY,
            contactEmail: demo.ownerEmail,
            ownerUserId: owner.id,
            statusChangedBy: null,
          }),
        );
        return true;
      } catch (error) {
        // A concurrent seed run registered it first.
        if (isMySqlDuplicateKey(error)) return false;
        throw error;
      }
    });
    results.push({ alias: demo.alias, tenantId, created });
  }
  return results;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(configSchema);
  const database = await MySqlDatabase.fromConfig(config, join(__dirname, '..', 'drizzle')).open();
  const keycloak = new KeycloakAdminClient({
    baseUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_PROVISIONING_CLIENT_ID,
    clientSecret: config.KEYCLOAK_PROVISIONING_CLIENT_SECRET,
  });
  try {
    // `--organization-roles`: only the backfill, for a deployed realm without the demo organizations.
    const demo = process.argv.includes('--organization-roles')
      ? []
      : await seedDemoTenants(database.db, keycloak, config);
    for (const result of demo) {
      process.stdout.write(
        `tenants seed: ${result.alias} (${result.tenantId}) ${result.created ? 'registered as active' : 'already registered'}\n`,
      );
    }
    // Sellers from before roles were per organization (ADR 0036) get theirs.
    const backfill = await backfillOrganizationRoles(new TenantDirectory(database), keycloak);
    process.stdout.write(
      `tenants seed: organization roles of ${backfill.tenants} tenants checked, ${backfill.granted} granted\n`,
    );
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `tenants seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
