import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ApiClientRow } from './api-client.schema';

@ObjectType({
  description: "An integrator's OAuth2 client-credentials client; its tokens act for this tenant.",
})
export class ApiClient {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The OAuth2 client_id to request tokens with.' })
  clientId!: string;

  @Field()
  name!: string;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CreateApiClientPayload {
  @Field(() => ApiClient)
  apiClient!: ApiClient;

  @Field({ description: 'Shown this once: the platform does not keep it. Store it now.' })
  clientSecret!: string;
}

export function toApiClient(row: ApiClientRow): ApiClient {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
