import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { LiveEvents, type StoredLiveEvent } from './live-events';

/** One browser connection as the hub sees it. */
export interface LiveListener {
  deliver(channel: string, event: StoredLiveEvent): void;
}

/**
 * This replica's side of the fan-out: one Redis subscriber connection, subscribed to the channels its open
 * connections listen to (and to nothing else), dispatching each announcement to them.
 */
@Injectable()
export class LiveHub implements OnApplicationShutdown {
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<LiveListener>>();

  constructor(
    @Inject(Redis) redis: Redis,
    private readonly events: LiveEvents,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', (error) =>
      this.logger.warn({ err: error }, 'live subscriber connection error'),
    );
    this.subscriber.on('message', (key: string, message: string) => this.dispatch(key, message));
  }

  get connections(): number {
    const all = new Set<LiveListener>();
    for (const set of this.listeners.values()) for (const listener of set) all.add(listener);
    return all.size;
  }

  /** Resolves once Redis confirmed the subscriptions: announcements from then on reach the listener. */
  async add(listener: LiveListener, channels: string[]): Promise<void> {
    const fresh: string[] = [];
    for (const channel of channels) {
      let set = this.listeners.get(channel);
      if (!set) {
        this.listeners.set(channel, (set = new Set()));
        fresh.push(this.events.keyOf(channel));
      }
      set.add(listener);
    }
    if (fresh.length > 0) await this.subscriber.subscribe(...fresh);
  }

  remove(listener: LiveListener, channels: string[]): void {
    const idle: string[] = [];
    for (const channel of channels) {
      const set = this.listeners.get(channel);
      if (!set) continue;
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(channel);
        idle.push(this.events.keyOf(channel));
      }
    }
    if (idle.length > 0) {
      this.subscriber.unsubscribe(...idle).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'unsubscribing idle live channels failed');
      });
    }
  }

  private dispatch(key: string, message: string): void {
    const channel = this.events.channelOf(key);
    const set = this.listeners.get(channel);
    if (!set) return;
    const space = message.indexOf(' ');
    const event = {
      id: message.slice(0, space),
      ...(JSON.parse(message.slice(space + 1)) as object),
    } as StoredLiveEvent;
    for (const listener of set) listener.deliver(channel, event);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.quit();
  }
}
