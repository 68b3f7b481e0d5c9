import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A user of the identity directory (Keycloak), as platform admins look one up.' })
export class DirectoryUser {
  @Field(() => ID, { description: 'The Keycloak user id: the buyerId of their orders.' })
  id!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field()
  name!: string;
}
