import { type DynamicModule, Global, Module } from '@nestjs/common';
import { KeycloakAdminClient } from '@marketplace/identity';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import type { TenantsConfig } from './config';
import { TenantsDatabase } from './database/tenants-database';
import { TenantEventsRelay } from './events/tenant-events-relay';

export const TENANTS_CONFIG = Symbol('TENANTS_CONFIG');

/** Connections every feature module uses: configuration, MySQL, the Keycloak admin client, the outbox relay. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: TenantsConfig, database: TenantsDatabase): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: TENANTS_CONFIG, useValue: config },
        { provide: TenantsDatabase, useFactory: () => database.open() },
        {
          provide: KeycloakAdminClient,
          useValue: new KeycloakAdminClient({
            baseUrl: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            clientId: config.KEYCLOAK_SERVICES_CLIENT_ID,
            clientSecret: config.KEYCLOAK_SERVICES_CLIENT_SECRET,
          }),
        },
        {
          provide: TenantEventsRelay,
          inject: [TenantsDatabase, LOGGER, ServiceMetrics],
          useFactory: (db: TenantsDatabase, logger: Logger, metrics: ServiceMetrics) =>
            new TenantEventsRelay(db, config.KAFKA_BROKERS, `${config.SERVICE_NAME}-outbox`, logger, metrics),
        },
      ],
      exports: [TENANTS_CONFIG, TenantsDatabase, KeycloakAdminClient, TenantEventsRelay],
    };
  }
}
