import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SearchIndexStatus', { description: "This catalog replica's in-memory buyer search index." })
export class SearchIndexStatusModel {
  @Field(() => Int, { description: 'Buyer-visible products indexed.' }) products!: number;
  @Field(() => Int, { description: 'Changes applied since the index was built.' }) generation!: number;
  @Field(() => Date, { nullable: true }) builtAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'How long the last build took.' }) buildMs!: number | null;
  @Field({
    description: 'A rebuild from the database is running; searches use the previous index meanwhile.',
  })
  rebuilding!: boolean;
}
