import { Roles } from '@marketplace/auth';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantsFilter } from './tenant.inputs';
import { TenantAccount, TenantAccountConnection, toTenantAccount } from './tenant.model';
import { TenantAdminService } from './tenant-admin.service';

@Roles('platform-admin')
@Resolver()
export class TenantAdminResolver {
  constructor(private readonly admin: TenantAdminService) {}

  @Query(() => TenantAccountConnection, { description: 'Platform admin: every tenant, oldest first.' })
  async tenants(
    @Args('filter', { type: () => TenantsFilter, nullable: true }) filter: TenantsFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<TenantAccountConnection> {
    const page = await this.admin.list({ status: filter?.status ?? null, first, after });
    return { nodes: page.nodes.map(toTenantAccount), pageInfo: page.pageInfo };
  }

  @Query(() => TenantAccount, {
    description: 'Platform admin: one tenant account (an audited cross-tenant read).',
  })
  async tenantAccount(@Args('id', { type: () => ID }) id: string): Promise<TenantAccount> {
    return toTenantAccount(await this.admin.get(id));
  }

  @Mutation(() => TenantAccount, {
    description: 'Platform admin: pending → active, with an optional note for the audit log.',
  })
  async approveTenant(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<TenantAccount> {
    return toTenantAccount(await this.admin.approve(id, reason));
  }

  @Mutation(() => TenantAccount, { description: 'Platform admin: active → suspended, with a reason.' })
  async suspendTenant(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<TenantAccount> {
    return toTenantAccount(await this.admin.suspend(id, reason));
  }

  @Mutation(() => TenantAccount, {
    description: 'Platform admin: pending → rejected (final), with the reason the seller sees.',
  })
  async rejectTenant(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<TenantAccount> {
    return toTenantAccount(await this.admin.reject(id, reason));
  }

  @Mutation(() => TenantAccount, {
    description: 'Platform admin: suspended → active, with an optional note for the audit log.',
  })
  async reactivateTenant(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<TenantAccount> {
    return toTenantAccount(await this.admin.reactivate(id, reason));
  }

  @Mutation(() => TenantAccount, {
    description:
      "Platform admin: the seller's commission in basis points, 0..10000, with the reason (3–1000 characters) " +
      'for the audit log. Applies to new order lines only.',
  })
  async setCommissionRate(
    @Args('id', { type: () => ID }) id: string,
    @Args('commissionBps', { type: () => Int }) commissionBps: number,
    @Args('reason', { description: 'Why, for the audit log.' }) reason: string,
  ): Promise<TenantAccount> {
    return toTenantAccount(await this.admin.setCommissionRate(id, commissionBps, reason));
  }
}
