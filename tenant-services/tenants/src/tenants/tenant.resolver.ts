import { CheckAbility, CurrentPrincipal, OpenToPendingTenants, type Principal } from '@marketplace/auth';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SignUpSellerInput, TenantSettingsInput } from './tenant.inputs';
import {
  SignUpSellerPayload,
  TenantAccount,
  TenantStatusChange,
  toStatusChange,
  toTenantAccount,
} from './tenant.model';
import { RELOGIN_MESSAGE, TenantsService } from './tenants.service';

@Resolver(() => TenantAccount)
export class TenantResolver {
  constructor(private readonly tenants: TenantsService) {}

  // Acts for no organization yet: the owner of a pending one gets the usual "one organization per owner" answer.
  @OpenToPendingTenants()
  @Mutation(() => SignUpSellerPayload, {
    description:
      'A signed-in user without an organization creates a pending seller organization and becomes its owner.',
  })
  async signUpSeller(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SignUpSellerInput,
  ): Promise<SignUpSellerPayload> {
    const row = await this.tenants.signUp(principal, input);
    return { tenant: toTenantAccount(row), message: RELOGIN_MESSAGE };
  }

  @CheckAbility('read', 'Tenant')
  @Query(() => TenantAccount, { description: "The caller's own seller organization." })
  async myTenant(): Promise<TenantAccount> {
    return toTenantAccount(await this.tenants.myTenant());
  }

  @OpenToPendingTenants()
  @CheckAbility('update', 'Tenant')
  @Mutation(() => TenantAccount, { description: 'Owner only: name, contact e-mail, default currency.' })
  async updateMyTenant(@Args('settings') settings: TenantSettingsInput): Promise<TenantAccount> {
    return toTenantAccount(await this.tenants.updateSettings(settings));
  }

  @ResolveField(() => [TenantStatusChange])
  async statusHistory(
    @CurrentPrincipal() principal: Principal | undefined,
    @Parent() tenant: TenantAccount,
  ): Promise<TenantStatusChange[]> {
    return (await this.tenants.statusHistory(principal, tenant.id)).map(toStatusChange);
  }
}
