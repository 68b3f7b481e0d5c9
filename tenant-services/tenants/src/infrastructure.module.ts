import { type DynamicModule, Global, Module } from '@nestjs/common';
import { KeycloakAdminClient } from '@marketplace/identity';
import type { TenantsConfig } from './config';

export const TENANTS_CONFIG = Symbol('TENANTS_CONFIG');

/**
 * What every feature module uses besides MySQL and the outbox relay (MySqlServiceModule): configuration and the
 * Keycloak admin client.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: TenantsConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: TENANTS_CONFIG, useValue: config },
        {
          provide: KeycloakAdminClient,
          useValue: new KeycloakAdminClient({
            baseUrl: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            clientId: config.KEYCLOAK_PROVISIONING_CLIENT_ID,
            clientSecret: config.KEYCLOAK_PROVISIONING_CLIENT_SECRET,
          }),
        },
      ],
      exports: [TENANTS_CONFIG, KeycloakAdminClient],
    };
  }
}
