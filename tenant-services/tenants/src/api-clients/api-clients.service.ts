import { Injectable } from '@nestjs/common';
import { ForbiddenError, type Principal } from '@marketplace/auth';
import { KeycloakAdminClient, KeycloakError } from '@marketplace/identity';
import { InjectLogger, type Logger, NotFoundError } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import { eq } from 'drizzle-orm';
import { ulid } from 'ulid';
import { TenantsService } from '../tenants/tenants.service';
import { apiClientIdSchema, apiClientNameSchema } from './api-client.inputs';
import { apiClientRecords } from './api-client.repository';
import { apiClients, type ApiClientRow } from './api-client.schema';

const LIST_LIMIT = 200;

/** Integrators' client-credentials clients, created in Keycloak; the secret passes through once and is not kept. */
@Injectable()
export class ApiClientsService {
  constructor(
    private readonly database: MySqlDatabase,
    private readonly keycloak: KeycloakAdminClient,
    private readonly tenants: TenantsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async create(principal: Principal, name: string): Promise<{ row: ApiClientRow; secret: string }> {
    const label = apiClientNameSchema.parse(name);
    const tenant = await this.tenants.myTenant();
    if (tenant.status !== 'active')
      throw new ForbiddenError(`API access needs an active organization; yours is ${tenant.status}`);
    const { clientId, secret } = await this.keycloak.createApiClient(tenant.tenantId, label);
    const row: ApiClientRow = {
      tenantId: tenant.tenantId,
      id: ulid(),
      clientId,
      name: label,
      createdBy: principal.userId,
      createdAt: new Date(),
    };
    try {
      await apiClientRecords(this.database.db).insert(row);
    } catch (error) {
      // A client we do not list could never be revoked by its tenant.
      await this.keycloak
        .deleteApiClient(clientId)
        .catch((cleanupError: unknown) =>
          this.logger.error(
            { err: cleanupError, clientId },
            'API client compensation failed: client left in Keycloak',
          ),
        );
      throw error;
    }
    this.logger.info({ clientId }, 'API client created');
    return { row, secret };
  }

  list(): Promise<ApiClientRow[]> {
    return apiClientRecords(this.database.db).list(LIST_LIMIT);
  }

  /** A new secret for one of the tenant's clients, returned once; the old secret stops working. */
  async rotate(id: string): Promise<{ row: ApiClientRow; secret: string }> {
    const row = await apiClientRecords(this.database.db).findOne(
      eq(apiClients.id, apiClientIdSchema.parse(id)),
    );
    if (!row) throw new NotFoundError('No such API client');
    const secret = await this.keycloak.rotateApiClientSecret(row.clientId);
    this.logger.info({ clientId: row.clientId }, 'API client secret rotated');
    return { row, secret };
  }

  async revoke(id: string): Promise<ApiClientRow> {
    const records = apiClientRecords(this.database.db);
    const row = await records.findOne(eq(apiClients.id, apiClientIdSchema.parse(id)));
    if (!row) throw new NotFoundError('No such API client');
    await this.keycloak.deleteApiClient(row.clientId).catch((error: unknown) => {
      // Already gone in Keycloak: finishing the revocation here is what the caller asked for.
      if (!(error instanceof KeycloakError && error.status === 404)) throw error;
    });
    await records.delete(eq(apiClients.id, row.id));
    this.logger.info({ clientId: row.clientId }, 'API client revoked');
    return row;
  }
}
