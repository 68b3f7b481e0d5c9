import { Directive, Field, ObjectType } from '@nestjs/graphql';

/**
 * Cursor pagination state shared by every subgraph's lists. One definition, marked `@shareable`, because the
 * supergraph refuses a value type that several subgraphs resolve unless each of them declares it shareable.
 */
@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to fetch the next page.' })
  endCursor!: string | null;
}
