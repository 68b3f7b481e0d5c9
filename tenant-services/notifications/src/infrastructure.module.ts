import { type DynamicModule, Global, Module } from '@nestjs/common';
import { KeycloakAdminClient } from '@marketplace/identity';
import type { NotificationsConfig } from './config';
import { RecipientDirectory } from './directory/recipient-directory';

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

/** What feature modules use besides MySQL and Redis: configuration and the recipient directory (Keycloak). */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        {
          provide: KeycloakAdminClient,
          useValue: new KeycloakAdminClient({
            baseUrl: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            clientId: config.KEYCLOAK_DIRECTORY_CLIENT_ID,
            clientSecret: config.KEYCLOAK_DIRECTORY_CLIENT_SECRET,
          }),
        },
        RecipientDirectory,
      ],
      exports: [NOTIFICATIONS_CONFIG, RecipientDirectory],
    };
  }
}
