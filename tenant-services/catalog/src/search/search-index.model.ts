import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SearchIndexStatus', {
  description: "The catalog's buyer search index, as this replica sees it.",
})
export class SearchIndexStatusModel {
  @Field({ description: "memory (this replica's own index, ADR 0008) or opensearch (ADR 0041)." })
  engine!: string;
  @Field(() => Int, { description: 'Buyer-visible products indexed.' }) products!: number;
  @Field(() => Int, {
    description: 'Changes applied since the in-memory index was built (0 for OpenSearch).',
  })
  generation!: number;
  @Field(() => Date, { nullable: true }) builtAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'How long the last build took.' }) buildMs!: number | null;
  @Field({
    description: 'A rebuild from the database is running; searches use the previous index meanwhile.',
  })
  rebuilding!: boolean;
}
