import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { PageInfo } from './page-info';

/** The public shape of every list in every subgraph (ADR 0014): the page's items and how to get the next one. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * Base class of a list's GraphQL type: `@ObjectType('ProductConnection') class ProductConnection extends
 * ConnectionType(Product) {}`. Lists that already count their matches add `totalCount` in the subclass.
 */
export function ConnectionType<T>(node: Type<T>): Type<Connection<T>> {
  @ObjectType({ isAbstract: true })
  abstract class ConnectionBase implements Connection<T> {
    @Field(() => [node]) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionBase as unknown as Type<Connection<T>>;
}

/**
 * One page out of `first + 1` rows read in list order: the extra row only says that a next page exists. The end
 * cursor is the position of the page's last row.
 */
export function pageOf<T>(rows: readonly T[], first: number, cursorOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > first, endCursor: last === undefined ? null : cursorOf(last) },
  };
}

/** The same page with its rows turned into what the API answers. */
export async function mapConnection<T, U>(
  page: Connection<T>,
  map: (row: T) => U | Promise<U>,
): Promise<Connection<U>> {
  return { nodes: await Promise.all(page.nodes.map(map)), pageInfo: page.pageInfo };
}
