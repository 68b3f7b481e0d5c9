import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The seller organization, owned by the tenants subgraph; other subgraphs reference it by id only. One class for
 * all of them: services that run in one process (tests) would otherwise register two types named Tenant.
 */
@ObjectType('Tenant')
@Directive('@key(fields: "id", resolvable: false)')
export class TenantRef {
  @Field(() => ID) id!: string;
}
