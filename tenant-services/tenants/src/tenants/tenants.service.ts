import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, type Principal } from '@marketplace/auth';
import { KeycloakAdminClient, KeycloakConflictError } from '@marketplace/identity';
import {
  InjectLogger,
  type Logger,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '@marketplace/observability';
import { withinTenant } from '@marketplace/tenancy';
import { isMySqlDuplicateKey, MySqlDatabase } from '@marketplace/service-kit';
import type { TenantsConfig } from '../config';
import { TENANTS_CONFIG } from '../infrastructure.module';
import { TenantDirectory } from './tenant-directory.repository';
import {
  signUpSellerSchema,
  tenantSettingsSchema,
  type SignUpSellerInput,
  type TenantSettingsInput,
} from './tenant.inputs';
import { insertTenant, newTenantRow } from './tenant-registration';
import { statusHistoryRecords, tenantRecords } from './tenant.repository';
import type { TenantRow, TenantStatusChangeRow } from './tenant.schema';

export const RELOGIN_MESSAGE =
  'Your seller organization was created and awaits approval. Sign in again: your current token does not carry the organization yet.';

/** What a seller does with its own tenant, and sign-up, which creates one. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly database: MySqlDatabase,
    private readonly keycloak: KeycloakAdminClient,
    private readonly directory: TenantDirectory,
    @Inject(TENANTS_CONFIG) private readonly config: TenantsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /**
   * Creates the Keycloak organization, makes the caller its member and seller-owner in it, then writes the pending
   * tenant. Repeating the same sign-up returns the tenant created before; a failure after the organization
   * was created deletes it again (membership goes with it).
   */
  async signUp(principal: Principal, input: SignUpSellerInput): Promise<TenantRow> {
    const { name, alias, contactEmail, defaultCurrency } = signUpSellerSchema.parse(input);
    if (principal.kind !== 'user')
      throw new ForbiddenError('Only a signed-in user can sign up a seller organization');

    const taken = await this.directory.registrationByAlias(alias);
    if (taken) {
      if (taken.ownerUserId !== principal.userId)
        throw new ConflictError(`The alias "${alias}" is already taken`);
      return this.loadOwn(taken.tenantId);
    }
    // Staff of other stores may open their own (roles are per organization, ADR 0036); an owner owns one.
    if (await this.directory.registrationByOwner(principal.userId)) {
      throw new ConflictError('You already own a seller organization');
    }
    const email = contactEmail ?? principal.email;
    if (!email) throw new ValidationError('contactEmail: required, since your account has no e-mail address');

    const tenantId = await this.createOrganization(name, alias);
    try {
      await this.keycloak.addMember(tenantId, principal.userId);
      await this.keycloak.grantOrganizationRole(tenantId, principal.userId, 'seller-owner');
      const row = newTenantRow({
        tenantId,
        name,
        alias,
        status: 'pending',
        commissionBps: this.config.DEFAULT_COMMISSION_BPS,
        defaultCurrency: defaultCurrency ?? this.config.DEFAULT_CURRENCY,
        contactEmail: email,
        ownerUserId: principal.userId,
        statusChangedBy: principal.userId,
      });
      await withinTenant(tenantId, () => insertTenant(this.database.db, row));
      this.logger.info({ tenantId, alias }, 'seller signed up');
      return row;
    } catch (error) {
      await this.keycloak
        .deleteOrganization(tenantId)
        .catch((cleanupError: unknown) =>
          this.logger.error(
            { err: cleanupError, tenantId },
            'sign-up compensation failed: organization left in Keycloak',
          ),
        );
      // A concurrent sign-up took the alias or the owner first.
      if (isMySqlDuplicateKey(error)) throw new ConflictError(`The alias "${alias}" is already taken`);
      throw error;
    }
  }

  async myTenant(): Promise<TenantRow> {
    const row = await tenantRecords(this.database.db).own();
    if (!row) throw new NotFoundError('Your organization is not registered as a seller');
    return row;
  }

  async updateSettings(input: TenantSettingsInput): Promise<TenantRow> {
    const settings = tenantSettingsSchema.parse(input);
    const changes = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
    await this.myTenant();
    await tenantRecords(this.database.db).updateOwn({ ...changes, updatedAt: new Date() });
    return this.myTenant();
  }

  /**
   * Status history of a tenant: the caller's own, or any tenant's for a platform admin. Field resolvers run
   * outside the request context interceptor, so the scope is rebuilt here from the verified principal.
   */
  async statusHistory(principal: Principal | undefined, tenantId: string): Promise<TenantStatusChangeRow[]> {
    const list = () => statusHistoryRecords(this.database.db).list();
    const mayRead = principal?.roles.includes('platform-admin') || principal?.tenantId === tenantId;
    return mayRead ? withinTenant(tenantId, list) : [];
  }

  private loadOwn(tenantId: string): Promise<TenantRow> {
    return withinTenant(tenantId, () => this.myTenant());
  }

  private async createOrganization(name: string, alias: string): Promise<string> {
    try {
      return await this.keycloak.createOrganization(name, alias);
    } catch (error) {
      if (error instanceof KeycloakConflictError) {
        throw new ConflictError(`The name "${name}" or the alias "${alias}" is already taken`);
      }
      throw error;
    }
  }
}
