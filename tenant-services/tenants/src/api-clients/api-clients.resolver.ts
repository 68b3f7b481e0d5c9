import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiClient, CreateApiClientPayload, toApiClient } from './api-client.model';
import { ApiClientsService } from './api-clients.service';

@Resolver()
export class ApiClientsResolver {
  constructor(private readonly service: ApiClientsService) {}

  @CheckAbility('create', 'ApiClient')
  @Mutation(() => CreateApiClientPayload, {
    description: 'Owner only: a new client-credentials client for this tenant.',
  })
  async createApiClient(
    @CurrentPrincipal() principal: Principal,
    @Args('name') name: string,
  ): Promise<CreateApiClientPayload> {
    const { row, secret } = await this.service.create(principal, name);
    return { apiClient: toApiClient(row), clientSecret: secret };
  }

  @CheckAbility('read', 'ApiClient')
  @Query(() => [ApiClient], { description: 'Owner only: the latest 200 API clients, newest first.' })
  async apiClients(): Promise<ApiClient[]> {
    return (await this.service.list()).map(toApiClient);
  }

  @CheckAbility('update', 'ApiClient')
  @Mutation(() => CreateApiClientPayload, {
    description: 'Owner only: a new secret for the client, shown this once; the old secret stops working.',
  })
  async rotateApiClientSecret(@Args('id', { type: () => ID }) id: string): Promise<CreateApiClientPayload> {
    const { row, secret } = await this.service.rotate(id);
    return { apiClient: toApiClient(row), clientSecret: secret };
  }

  @CheckAbility('delete', 'ApiClient')
  @Mutation(() => ApiClient, {
    description: 'Owner only: deletes the client in Keycloak; its secret stops working.',
  })
  async revokeApiClient(@Args('id', { type: () => ID }) id: string): Promise<ApiClient> {
    return toApiClient(await this.service.revoke(id));
  }
}
