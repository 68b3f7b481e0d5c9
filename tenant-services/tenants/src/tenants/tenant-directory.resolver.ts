import { Public } from '@marketplace/auth';
import { Args, ID, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { tenantId } from './tenant.inputs';
import { TenantDirectory } from './tenant-directory.repository';
import { Tenant, TenantLogoRef } from './tenant.model';

/** Public seller profiles: the `tenant` query and the federation entity resolver other subgraphs rely on. */
@Public()
@Resolver(() => Tenant)
export class TenantDirectoryResolver {
  constructor(private readonly directory: TenantDirectory) {}

  @Query(() => Tenant, { nullable: true, description: 'A seller as buyers see it; null when there is none.' })
  async tenant(@Args('id', { type: () => ID }) id: string): Promise<Tenant | null> {
    return (await this.directory.publicProfile(tenantId.parse(id))) ?? null;
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Tenant'; id: string }): Promise<Tenant | null> {
    const parsed = tenantId.safeParse(reference.id);
    return parsed.success ? ((await this.directory.publicProfile(parsed.data)) ?? null) : null;
  }

  @ResolveField('logo', () => TenantLogoRef, {
    nullable: true,
    description: 'The store logo, a Media entity the media subgraph resolves (variant URLs).',
  })
  logo(@Parent() tenant: Tenant): { __typename: 'Media'; id: string } | null {
    return tenant.logoMediaId ? { __typename: 'Media', id: tenant.logoMediaId } : null;
  }
}
