import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../infrastructure.module';
import { compareIds } from './live-cursor';

/** What a channel carries: the event type and its data, as the browser receives them. */
export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface StoredLiveEvent extends LiveEvent {
  id: string;
}

/**
 * Appends to the channel's bounded replay stream, refreshes its expiry and announces the entry on the channel's
 * pub/sub topic in one atomic step, so every replica sees entries in stream order.
 */
const PUBLISH = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', KEYS[1], id .. ' ' .. ARGV[2])
return id`;

const REPLAY_BATCH = 500;

/**
 * Live events of every channel, in Redis: a replay stream per channel (the last LIVE_REPLAY_EVENTS entries of the
 * last LIVE_REPLAY_SECONDS) and a pub/sub topic of the same name that every replica's hub listens to.
 */
@Injectable()
export class LiveEvents {
  constructor(
    @Inject(Redis) private readonly redis: Redis,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  keyOf(channel: string): string {
    return `${this.config.LIVE_KEY_PREFIX}:live:${channel}`;
  }

  channelOf(key: string): string {
    return key.slice(`${this.config.LIVE_KEY_PREFIX}:live:`.length);
  }

  async publish(channel: string, event: LiveEvent): Promise<string> {
    return (await this.redis.eval(
      PUBLISH,
      1,
      this.keyOf(channel),
      this.config.LIVE_REPLAY_EVENTS,
      JSON.stringify(event),
      this.config.LIVE_REPLAY_SECONDS,
    )) as string;
  }

  /** The newest entry id of the channel, or `0-0` when it has none. */
  async latestId(channel: string): Promise<string> {
    const [entry] = await this.redis.xrevrange(this.keyOf(channel), '+', '-', 'COUNT', 1);
    return entry?.[0] ?? '0-0';
  }

  /**
   * Entries after `position`, oldest first, and whether some entries after it are gone (trimmed or expired):
   * then the browser reloads the state instead of trusting the replay alone.
   */
  async since(channel: string, position: string): Promise<{ events: StoredLiveEvent[]; gap: boolean }> {
    const key = this.keyOf(channel);
    const events: StoredLiveEvent[] = [];
    for (let from = position; ;) {
      const batch = await this.redis.xrange(key, `(${from}`, '+', 'COUNT', REPLAY_BATCH);
      for (const [id, fields] of batch) events.push({ id, ...(JSON.parse(fields[1]!) as LiveEvent) });
      if (batch.length < REPLAY_BATCH) break;
      from = batch.at(-1)![0];
    }
    return { events, gap: await this.lostAfter(key, position) };
  }

  private async lostAfter(key: string, position: string): Promise<boolean> {
    if (position === '0-0') return false;
    const exists = await this.redis.exists(key);
    const positionMs = Number(position.split('-')[0]);
    if (!exists) return positionMs < Date.now() - this.config.LIVE_REPLAY_SECONDS * 1000;
    const info = (await this.redis.call('XINFO', 'STREAM', key)) as (string | number)[];
    const maxDeleted = info[info.indexOf('max-deleted-entry-id') + 1];
    return typeof maxDeleted === 'string' && compareIds(maxDeleted, position) > 0;
  }
}
