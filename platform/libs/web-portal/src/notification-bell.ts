import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import Keycloak from 'keycloak-js';
import { Api, messageOf } from './api';
import { liveEvents, type LiveMessage } from './live-events';
import { PORTAL_CONFIG } from './runtime-config';

interface FeedEntry {
  id: string;
  title: string;
  body: string;
  link: string;
  read: boolean;
  createdAt: string;
}

const FEED = `query Feed { notifications(first: 10) { nodes { id title body link read createdAt } } unreadNotificationCount }`;
const MARK_ALL = `mutation MarkAll { markAllNotificationsRead }`;

/** What a live event says in the snackbar; events not listed only refresh the feed. */
function announcement(message: LiveMessage): string | null {
  const data = message.data;
  switch (message.type) {
    case 'order.new':
      return 'New order received';
    case 'stock.low':
      return `Low stock: ${String(data['sku'])} (${String(data['available'])} left)`;
    case 'seller.applied':
      return `New seller application: ${String(data['name'])}`;
    case 'review.new':
      return 'New review';
    default:
      return null;
  }
}

/**
 * The signed-in user's notifications in the toolbar: unread count, the latest entries, "mark all read", and a
 * snackbar when something arrives live (their own, their seller's and — admins — the platform's channels).
 */
@Component({
  selector: 'mp-notification-bell',
  imports: [MatButtonModule, MatMenuModule, MatBadgeModule, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      [matMenuTriggerFor]="menu"
      (menuOpened)="load()"
      [attr.aria-label]="'Notifications, ' + unread() + ' unread'"
      data-testid="notification-bell"
    >
      <span
        aria-hidden="true"
        class="bell"
        [matBadge]="unread() || null"
        matBadgeColor="warn"
        matBadgeSize="small"
        ><svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          /></svg
      ></span>
    </button>
    <mat-menu #menu="matMenu" class="notification-menu">
      <div class="feed">
        @if (error(); as message) {
          <p role="alert" class="state">{{ message }}</p>
        } @else if (entries().length === 0) {
          <p class="state">No notifications yet.</p>
        } @else {
          <ul data-testid="notification-feed">
            @for (entry of entries(); track entry.id) {
              <li [class.unread]="!entry.read">
                <a [href]="entry.link">{{ entry.title }}</a>
                <span class="body">{{ entry.body }}</span>
                <time [attr.datetime]="entry.createdAt">{{ entry.createdAt | date: 'short' }}</time>
              </li>
            }
          </ul>
          <button mat-button type="button" (click)="markAllRead()" [disabled]="unread() === 0">
            Mark all as read
          </button>
        }
      </div>
    </mat-menu>
  `,
  styles: `
    .bell {
      display: inline-flex;
      line-height: 1;
    }
    .feed {
      padding: 8px 16px;
      max-width: min(360px, 90vw);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: grid;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li.unread a {
      font-weight: 600;
    }
    .body,
    time,
    .state {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class NotificationBell {
  private readonly api = inject(Api);
  private readonly keycloak = inject(Keycloak);
  private readonly config = inject(PORTAL_CONFIG);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly unread = signal(0);
  protected readonly entries = signal<FeedEntry[]>([]);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.load();
    liveEvents({
      baseUrl: new URL('/api/v1/notifications', this.config.graphqlUrl).href,
      channels: this.channels(),
      token: async () => {
        await this.keycloak.updateToken(30);
        return this.keycloak.token ?? null;
      },
    })
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((signal) => {
        const text = signal.channel === null ? null : announcement(signal);
        if (text) this.snackBar.open(text, 'Dismiss', { duration: 6000, politeness: 'polite' });
        void this.load();
      });
  }

  protected async load(): Promise<void> {
    try {
      const feed = await this.api.request<{
        notifications: { nodes: FeedEntry[] };
        unreadNotificationCount: number;
      }>(FEED);
      this.entries.set(feed.notifications.nodes);
      this.unread.set(feed.unreadNotificationCount);
      this.error.set(null);
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }

  protected async markAllRead(): Promise<void> {
    await this.api.request(MARK_ALL);
    await this.load();
  }

  /** The user's own channel, their seller's, and the admins' for platform admins: what the token grants. */
  private channels(): string[] {
    const token = (this.keycloak.tokenParsed ?? {}) as {
      sub?: string;
      organization?: Record<string, { id?: string }>;
      realm_access?: { roles?: string[] };
    };
    const tenantId = Object.values(token.organization ?? {})[0]?.id;
    return [
      ...(token.sub ? [`user:${token.sub}`] : []),
      ...(tenantId ? [`tenant:${tenantId}`] : []),
      ...(token.realm_access?.roles?.includes('platform-admin') ? ['admins'] : []),
    ];
  }
}
