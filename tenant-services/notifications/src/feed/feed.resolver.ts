import { CurrentPrincipal, OpenToPendingTenants, type Principal } from '@marketplace/auth';
import { mapConnection } from '@marketplace/service-kit';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Notification, NotificationConnection, toNotification } from './feed.model';
import { FeedService } from './feed.service';

/** Any signed-in user's own feed; entries are addressed to them, their seller or the admins (never chosen by the caller). */
/** The caller's own inbox: a seller awaiting approval manages it too (ADR 0048). */
@OpenToPendingTenants()
@Resolver(() => Notification)
export class FeedResolver {
  constructor(private readonly feed: FeedService) {}

  @Query(() => NotificationConnection, { description: "The caller's notifications, newest first." })
  async notifications(
    @CurrentPrincipal() principal: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('unreadOnly', { type: () => Boolean, defaultValue: false }) unreadOnly = false,
  ): Promise<NotificationConnection> {
    return mapConnection(await this.feed.page(principal, { first, after, unreadOnly }), toNotification);
  }

  @Query(() => Int, { description: "How many of the caller's notifications are unread." })
  unreadNotificationCount(@CurrentPrincipal() principal: Principal): Promise<number> {
    return this.feed.unreadCount(principal);
  }

  @Mutation(() => Int, {
    description: "Marks notifications read; answers how many of them are the caller's.",
  })
  markNotificationsRead(
    @CurrentPrincipal() principal: Principal,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ): Promise<number> {
    return this.feed.markRead(principal, ids);
  }

  @Mutation(() => Boolean, { description: "Marks every notification of the caller's feed read." })
  async markAllNotificationsRead(@CurrentPrincipal() principal: Principal): Promise<boolean> {
    await this.feed.markAllRead(principal);
    return true;
  }
}
