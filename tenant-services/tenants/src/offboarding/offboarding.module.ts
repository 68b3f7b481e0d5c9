import { type DynamicModule, Module } from '@nestjs/common';
import { KeycloakAdminClient } from '@marketplace/identity';
import { LOGGER, ServiceMetrics, type Logger } from '@marketplace/observability';
import {
  OFFBOARDING_OBJECTS,
  OffboardingModule,
  type OffboardingObjects,
  s3TenantObjects,
} from '@marketplace/offboarding';
import { MySqlDatabase, ReadinessChecks, SupervisedEventConsumers } from '@marketplace/service-kit';
import type { TenantsConfig } from '../config';
import { keycloakTenantData } from './keycloak-tenant-data';
import { offboardingCoordinator } from './offboarding-coordinator.consumer';
import { OffboardingResolver } from './offboarding.resolver';
import {
  exportPartsPrefix,
  TenantOffboardingService,
  tenantOffboardingPrefix,
} from './tenant-offboarding.service';

/**
 * Tenant offboarding (ADR 0038): the admin's requests and the coordinator counting every service's
 * confirmations, and the tenants service's own part (its tables, its Keycloak organization and API clients,
 * the tenant's export objects).
 */
@Module({})
export class TenantOffboardingModule {
  static forRoot(config: TenantsConfig): DynamicModule {
    const participant = OffboardingModule.forMySql(config, {
      service: 'tenants',
      tables: {
        // The proof of the deletion, and the audit trail of admin actions on the tenant (ADR 0020).
        keep: ['tenant_deletions', 'audit_log'],
      },
      extraStores: {
        inject: [KeycloakAdminClient, OFFBOARDING_OBJECTS],
        build: (keycloak: KeycloakAdminClient, objects: OffboardingObjects) => [
          keycloakTenantData(keycloak),
          {
            // The prefix holds the exports themselves (every service's parts, earlier archives): erased with the
            // tenant, never exported again, or each archive would carry the ones before it.
            ...s3TenantObjects(objects, (tenantId) => tenantOffboardingPrefix(config, tenantId)),
            exportFiles: async () => [],
          },
        ],
      },
    });
    return {
      module: TenantOffboardingModule,
      imports: [participant],
      providers: [
        TenantOffboardingService,
        OffboardingResolver,
        {
          provide: SupervisedEventConsumers,
          inject: [MySqlDatabase, OFFBOARDING_OBJECTS, LOGGER, ReadinessChecks, ServiceMetrics],
          useFactory: (
            database: MySqlDatabase,
            objects: OffboardingObjects,
            logger: Logger,
            readiness: ReadinessChecks,
            metrics: ServiceMetrics,
          ) =>
            new SupervisedEventConsumers(
              [
                offboardingCoordinator(
                  {
                    brokers: config.KAFKA_BROKERS,
                    db: database.db,
                    logger,
                    clientId: `${config.SERVICE_NAME}-offboarding-coordinator`,
                    groupId: config.OFFBOARDING_COORDINATOR_GROUP,
                    startFrom: config.OFFBOARDING_EVENTS_START_FROM,
                  },
                  objects,
                  (tenantId, exportId) => exportPartsPrefix(config, tenantId, exportId),
                ),
              ],
              readiness,
              metrics,
            ),
        },
      ],
    };
  }
}
