import { ConnectionType } from '@marketplace/service-kit';
import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { FeedEntry } from './feed.repository';

@ObjectType({ description: "An entry of the signed-in user's notification feed." })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What happened: order.placed, order.shipped, stock.low, seller.applied, ...' })
  kind!: string;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field({ description: 'Absolute link to the page about it.' })
  link!: string;

  @Field()
  read!: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType()
export class NotificationConnection extends ConnectionType(Notification) {}

export function toNotification(entry: FeedEntry): Notification {
  const { id, kind, title, body, link, read, createdAt } = entry;
  return { id, kind, title, body, link, read, createdAt };
}
